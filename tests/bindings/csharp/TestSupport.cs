// SPDX-License-Identifier: MIT
// Shared by the C# test programs: the tally, Check and Throws, the emulator's settings and its
// control plane.
using System;
using System.Diagnostics;
using KvBridge;

static partial class Program
{
    const string TestTenant = "11111111-2222-3333-4444-555555555555";
    const string TestClient = "aaaaaaaa-bbbb-cccc-dddd-000000000001";
    const string TestSecret = "emulator-client-secret";

    static int passed, failed;

    static void Check(bool condition, string what)
    {
        if (condition) passed++;
        else
        {
            failed++;
            Console.Error.WriteLine("FAILED: " + what);
        }
    }

    /// <summary>Run <paramref name="action"/> and check that it throws <typeparamref name="T"/>.</summary>
    static T Throws<T>(Action action, string what) where T : Exception
    {
        try
        {
            action();
        }
        catch (T e)
        {
            Check(true, what);
            return e;
        }
        catch (Exception e)
        {
            Check(false, what + " (threw " + e.GetType().Name + ": " + e.Message + ")");
            return null;
        }
        Check(false, what + " (did not throw)");
        return null;
    }

    /// <summary>Options for the emulator run by with_emulator.sh: its CA and authority, no retries.</summary>
    static ClientOptions EmulatorOptions() => new ClientOptions
    {
        CaFile = Environment.GetEnvironmentVariable("KVB_EMULATOR_CA"),
        AuthorityHost = Environment.GetEnvironmentVariable("KVB_AUTHORITY_HOST"),
        MaxRetries = 0,
    };

    /// <summary>
    /// POST <paramref name="json"/> to the emulator's control plane (GET when null); the answer. Through
    /// scripts/emulator_control.py (Python's standard library): Mono's own TLS cannot read the
    /// emulator's EC certificate.
    /// </summary>
    static string Control(string path, string json = null)
    {
        Func<string, string> quoted = name => "\"" + Environment.GetEnvironmentVariable(name) + "\" ";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("KVB_PYTHON"),
                                         quoted("KVB_EMULATOR_CONTROL") + quoted("KVB_EMULATOR_URL") +
                                         quoted("KVB_EMULATOR_CA") + path + (json == null ? " --get" : ""))
        { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
        using (var p = Process.Start(start))
        {
            if (json != null) p.StandardInput.Write(json);
            p.StandardInput.Close();
            var reply = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Check(p.ExitCode == 0, "control " + path);
            return reply;
        }
    }

    /// <summary>How many requests of <paramref name="operation"/> (e.g. "GET /keys") the emulator has served.</summary>
    static int Requests(string operation)
    {
        var counters = Control("counters");
        var key = "\"" + operation + "\":";
        int at = counters.IndexOf(key, StringComparison.Ordinal);
        if (at < 0) return 0;
        int start = at + key.Length, end = start;
        while (end < counters.Length && char.IsDigit(counters[end])) end++;
        return int.Parse(counters.Substring(start, end - start));
    }

    /// <summary>Print the tally; the exit status.</summary>
    static int Finish()
    {
        Console.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
