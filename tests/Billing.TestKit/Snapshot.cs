using System.Runtime.CompilerServices;
using System.Text;
using Xunit;
using Xunit.Sdk;

namespace Billing.TestKit;

/// <summary>
/// Snapshot assertion with Verify's conventions: the expected text lives beside the test as
/// <c>&lt;TestClass&gt;.&lt;Test&gt;.verified.txt</c> (committed); on a mismatch or a missing snapshot the actual text is
/// written to <c>&lt;TestClass&gt;.&lt;Test&gt;.received.txt</c> (git-ignored) and the test fails. Accept a change by
/// renaming the received file to verified after reading it, or by running with
/// <c>BILLING_ACCEPT_SNAPSHOTS=1</c> (never set in CI).
/// </summary>
public static class Snapshot
{
    public static void Matches(
        string actual,
        string? name = null,
        [CallerFilePath] string testFile = "",
        [CallerMemberName] string testName = "")
    {
        string directory = Path.GetDirectoryName(testFile)!;
        string stem = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(testFile)}.{name ?? testName}");
        string verifiedPath = stem + ".verified.txt";
        string receivedPath = stem + ".received.txt";
        string normalized = Normalize(actual);

        if (File.Exists(verifiedPath) && Normalize(File.ReadAllText(verifiedPath)) == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Environment.GetEnvironmentVariable("BILLING_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verifiedPath, normalized, new UTF8Encoding(false));
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, normalized, new UTF8Encoding(false));
        if (!File.Exists(verifiedPath))
        {
            throw new XunitException($"No verified snapshot yet. Review {receivedPath} and rename it to {Path.GetFileName(verifiedPath)} to accept it.");
        }

        Assert.Equal(Normalize(File.ReadAllText(verifiedPath)), normalized);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";
}
