// SPDX-License-Identifier: MIT
// Waits for long-running operations through the C# binding: the timeout argument,
// OperationTimeoutException, and the pace of the polls as the emulator counts them (bounds, not speeds).
using System;
using System.Diagnostics;
using System.Text.RegularExpressions;
using KvBridge;

static partial class Program
{
    static void RunWaits(string tenant, string client, ClientOptions options)
    {
        var vault = "https://cswaits.vault.localhost:" + Environment.GetEnvironmentVariable("KVB_EMULATOR_PORT");
        using (var cred = new ClientSecretCredential(tenant, client, TestSecret, options))
        using (var certs = new CertificateClient(vault, cred, options))
        using (var secrets = new SecretClient(vault, cred, options))
        {
            Control("counters/reset", "{}");
            var clock = Stopwatch.StartNew();
            var timedOut = Throws<OperationTimeoutException>(
                () => certs.CreateCertificate("cs-forever", "{\"issuerName\":\"Unknown\",\"subject\":\"CN=f\"}",
                                              timeout: TimeSpan.FromSeconds(2)),
                "Unknown-issuer create times out");
            // The wait ended within the timeout and one interval (1 s), as the error says; the whole
            // call, with the create request (the emulator makes an RSA key), not an unbounded time later.
            var waited = timedOut == null ? null : Regex.Match(timedOut.Message, "is not done after ([0-9.]+) s");
            Check(waited != null && waited.Success && double.Parse(waited.Groups[1].Value,
                  System.Globalization.CultureInfo.InvariantCulture) <= 3.0, "timed out within timeout + interval");
            Check(clock.Elapsed < TimeSpan.FromSeconds(13), "the call returned");
            Check(timedOut != null && timedOut.Status == -15 &&
                  timedOut.Message.Contains("creation of certificate 'cs-forever' is not done after"), "timeout names the operation");
            Check(Requests("GET /certificates/{}/pending") <= 3, "create polled at most once a second");
            Check(certs.GetCertificateOperation("cs-forever").Contains("\"inProgress\""), "the operation goes on");
            Throws<ArgumentOutOfRangeException>(() => secrets.DeleteSecret("cs-never", TimeSpan.FromSeconds(-2)), "negative timeout");

            Control("config", "{\"softDeleteDelayMs\":3000}");
            secrets.SetSecret("cs-slow", "v", null);
            Control("counters/reset", "{}");
            secrets.DeleteSecret("cs-slow");
            // At 0, 1, 2, 3 s and perhaps once more; 100 ms steps would make 30.
            var gets = Requests("GET /deletedsecrets/{}");
            Check(gets >= 2 && gets <= 5, "delete polled about once a second (" + gets + " GETs)");
            Control("counters/reset", "{}");
            secrets.RecoverDeletedSecret("cs-slow");
            gets = Requests("GET /secrets/{}/");
            Check(gets >= 2 && gets <= 5, "recover polled about once a second (" + gets + " GETs)");
            Control("config", "{\"softDeleteDelayMs\":0}");
        }
    }
}
