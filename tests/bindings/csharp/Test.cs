// SPDX-License-Identifier: MIT
// The C# binding against the emulator (run through tests/support/with_emulator.sh).
using System;
using KvBridge;

static partial class Program
{
    static int Main()
    {
        const string tenant = TestTenant, client = TestClient;
        Library.EnsureCompatible();
        Check(Library.Version == "0.1.0", "version");
        Check(Library.HexToX5t("0123456789abcdef0123456789ABCDEF01234567") == "ASNFZ4mrze8BI0VniavN7wEjRWc", "hex to x5t");
        Check(Library.X5tToHex("ASNFZ4mrze8BI0VniavN7wEjRWc") == "0123456789ABCDEF0123456789ABCDEF01234567", "x5t to hex");
        try
        {
            Library.HexToX5t("zz");
            Check(false, "bad hex throws");
        }
        catch (InvalidArgumentException e)
        {
            Check(e.Status == -1, "invalid argument status");
        }

        var options = EmulatorOptions();
        using (var cred = new ClientSecretCredential(tenant, client, TestSecret, options))
        {
            var (token, expires) = cred.GetToken("https://vault.azure.net/.default");
            Check(token.Length > 20, "token");
            Check(expires > 1700000000, "expiry");
        }
        using (var bad = new ClientSecretCredential(tenant, client, "csharp-wrong-secret", options))
        {
            try
            {
                bad.GetToken("https://vault.azure.net/.default");
                Check(false, "wrong secret throws");
            }
            catch (AuthenticationException e)
            {
                Check(!e.Message.Contains("csharp-wrong-secret"), "secret not in message");
            }
        }
        var vault = "https://csharp.vault.localhost:" + Environment.GetEnvironmentVariable("KVB_EMULATOR_PORT");
        using (var cred = new ClientSecretCredential(tenant, client, TestSecret, options))
        using (var secrets = new SecretClient(vault, cred, options))
        {
            var set = secrets.SetSecret("cs-secret", "cs value", "text/plain");
            Check(set.Name == "cs-secret" && set.Version.Length > 0, "set secret");
            var got = secrets.GetSecret("cs-secret");
            Check(got.Value == "cs value", "secret value");
            Check(got.ContentType == "text/plain", "content type");
            Check(got.Id.Contains("/secrets/cs-secret/"), "secret id");
            Check(System.Linq.Enumerable.Any(secrets.ListSecretProperties(), j => j.Contains("\"name\":\"cs-secret\"")),
                  "listed");
            secrets.DeleteSecret("cs-secret");
            try
            {
                secrets.GetSecret("cs-secret");
                Check(false, "deleted secret not found");
            }
            catch (NotFoundException e)
            {
                Check(e.HttpStatus == 404 && e.ServiceCode == "SecretNotFound", "404 SecretNotFound");
            }
            secrets.PurgeDeletedSecret("cs-secret");
            try
            {
                secrets.GetSecret("bad name!");
                Check(false, "bad name throws");
            }
            catch (InvalidArgumentException)
            {
                Check(true, "bad name is an invalid argument");
            }
        }
        RunKeyVault(tenant, client, options);
        RunAttributesAndPages(tenant, client, options);
        RunClientOptions(tenant, client, options);
        RunWaits(tenant, client, options);
        RunArm(tenant, client, options);
        return Finish();
    }
}
