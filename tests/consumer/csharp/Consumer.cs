// SPDX-License-Identifier: MIT
// A C# program compiled against the installed KvBridge.dll (mcs -r: from pkg-config kvbridge-sharp)
// and run with only libkvbridge-c.so.0 on the library path: checks the versions, then sets and
// reads a secret on the emulator that with_emulator.sh started.
using System;
using System.Reflection;
using KvBridge;

static class Consumer
{
    static int Main()
    {
        string port = Environment.GetEnvironmentVariable("KVB_EMULATOR_PORT");
        var options = new ClientOptions
        {
            CaFile = Environment.GetEnvironmentVariable("KVB_EMULATOR_CA"),
            AuthorityHost = Environment.GetEnvironmentVariable("KVB_AUTHORITY_HOST"),
        };
        string assembly = typeof(SecretClient).Assembly.GetName().Version.ToString(3);
        if (assembly != Library.Version)
        {
            Console.Error.WriteLine($"consumer (C#): KvBridge.dll {assembly}, libkvbridge-c {Library.Version}");
            return 1;
        }
        using (var credential = new ClientSecretCredential("11111111-2222-3333-4444-555555555555",
                                                           "aaaaaaaa-bbbb-cccc-dddd-000000000001",
                                                           "emulator-client-secret", options))
        using (var client = new SecretClient("https://consumer-cs.vault.localhost:" + port, credential, options))
        {
            client.SetSecret("from-csharp", "consumer-value");
            if (client.GetSecret("from-csharp").Value != "consumer-value")
            {
                Console.Error.WriteLine("consumer (C#): read back a different value");
                return 1;
            }
        }
        Console.WriteLine($"consumer (C#): KvBridge.dll {assembly} from {typeof(SecretClient).Assembly.Location}, secret round trip ok");
        return 0;
    }
}
