using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Text;
using Billing.Host.Http;
using Billing.SharedKernel;
using Billing.TestKit;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 22 (5): the error catalogues (<c>CouponErrors</c>, <c>SubscriptionErrors</c>, <c>InvoiceErrors</c>,
/// <c>PaymentErrors</c>, <c>TrackingErrors</c>, <c>WebhookErrors</c>, <c>HostErrors</c>) read by reflection: every code
/// with the HTTP status its kind answers, where it is declared and its message (a value it names shown as
/// <c>{argument}</c>). The table is a committed snapshot and README's "Error codes" section shows the same text.
/// </summary>
public sealed class ErrorCatalogueTests
{
    private const string ReadmeStart = "<!-- error-codes:start -->";
    private const string ReadmeEnd = "<!-- error-codes:end -->";

    /// <summary>One declared error: its code, status, catalogue member and message.</summary>
    internal sealed record Declared(string Code, int Status, string Where, string Message);

    /// <summary>Every error every catalogue declares (a static class named <c>*Errors</c> with members answering an <see cref="Error"/>).</summary>
    internal static IReadOnlyList<Declared> Catalogued()
    {
        var host = typeof(HostErrors).Assembly;
        var assemblies = host.GetReferencedAssemblies()
            .Where(a => a.Name?.StartsWith("Billing.", StringComparison.Ordinal) ?? false)
            .Select(Assembly.Load)
            .Append(host);
        var catalogues = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: true, IsSealed: true } && t.Name.EndsWith("Errors", StringComparison.Ordinal));

        var declared = new List<Declared>();
        foreach (var catalogue in catalogues)
        {
            const BindingFlags Members = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            foreach (var property in catalogue.GetProperties(Members).Where(p => p.PropertyType == typeof(Error) && p.GetMethod is { IsPrivate: false }))
            {
                declared.Add(Row(catalogue, property.Name, (Error)property.GetValue(null)!));
            }

            foreach (var method in catalogue.GetMethods(Members).Where(m => m.ReturnType == typeof(Error) && !m.IsPrivate && !m.IsSpecialName))
            {
                var parameters = method.GetParameters();
                var samples = parameters.Select((p, i) => Sample(p.ParameterType, i)).ToArray();
                var error = (Error)method.Invoke(null, samples.Select(s => s.Value).ToArray())!;
                string message = error.Message;
                for (int i = 0; i < parameters.Length; i++)
                {
                    message = samples[i].Shown.Aggregate(message, (text, shown) => text.Replace(shown, $"{{{parameters[i].Name}}}", StringComparison.Ordinal));
                }

                declared.Add(Row(catalogue, method.Name, error with { Message = message }));
            }
        }

        return declared;
    }

    [Fact]
    public void Every_code_answers_one_status_wherever_it_is_declared()
    {
        var declared = Catalogued();
        Assert.True(declared.Count >= 100, $"only {declared.Count} catalogued errors found");
        Assert.Equal(7, declared.Select(d => d.Where.Split('.')[0]).Distinct().Count());

        var split = declared.GroupBy(d => d.Code)
            .Where(g => g.Select(d => d.Status).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(d => $"{d.Status} in {d.Where}"))}")
            .ToList();
        Assert.True(split.Count == 0, string.Join(Environment.NewLine, split));
    }

    [Fact]
    public void The_code_table_is_committed_and_the_readme_shows_it()
    {
        string table = Table(Catalogued());

        Snapshot.Matches(table);

        string readmePath = SourceTree.File("README.md");
        string readme = File.ReadAllText(readmePath).Replace("\r\n", "\n", StringComparison.Ordinal);
        int start = readme.IndexOf(ReadmeStart, StringComparison.Ordinal);
        int end = readme.IndexOf(ReadmeEnd, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md has no {ReadmeStart} … {ReadmeEnd} section");
        string shown = readme[(start + ReadmeStart.Length)..end].Trim('\n') + "\n";
        if (shown != table && Environment.GetEnvironmentVariable("BILLING_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(readmePath, readme[..(start + ReadmeStart.Length)] + "\n" + table + readme[end..], new UTF8Encoding(false));
            return;
        }

        Assert.Equal(table, shown);
    }

    private static Declared Row(Type catalogue, string member, Error error) =>
        new(error.Code, ResultHttp.StatusOf(error.Kind), $"{catalogue.Name}.{member}", error.Message);

    /// <summary>The README table: one row per code and message, by code; a message declared by several members names them all.</summary>
    private static string Table(IReadOnlyList<Declared> declared)
    {
        var text = new StringBuilder("| code | status | declared in | message |\n|---|---|---|---|\n");
        foreach (var row in declared
            .GroupBy(d => (d.Code, d.Status, d.Message))
            .OrderBy(g => g.Key.Code, StringComparer.Ordinal).ThenBy(g => g.Key.Message, StringComparer.Ordinal))
        {
            string where = string.Join(", ", row.Select(d => $"`{d.Where}`").Distinct().Order(StringComparer.Ordinal));
            text.Append(CultureInfo.InvariantCulture, $"| `{row.Key.Code}` | {row.Key.Status} | {where} | {row.Key.Message.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// An argument for parameter <paramref name="index"/> and the texts it can print as, which the table shows as the
    /// parameter's name: a string prints itself; a number or an instant is a sentinel no message holds otherwise.
    /// </summary>
    private static (object? Value, string[] Shown) Sample(Type type, int index)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        long sentinel = 987_650_000 + index;
        var instant = new DateTimeOffset(2001, 2, 3, 4, 5, 6 + index, TimeSpan.Zero);
        return underlying switch
        {
            _ when underlying == typeof(string) => ($"\u0001{index}\u0001", [$"\u0001{index}\u0001"]),
            _ when underlying == typeof(int) => ((int)sentinel, [sentinel.ToString(CultureInfo.CurrentCulture)]),
            _ when underlying == typeof(long) => (sentinel, [sentinel.ToString(CultureInfo.CurrentCulture)]),
            _ when underlying == typeof(BigInteger) => (new BigInteger(sentinel), [sentinel.ToString(CultureInfo.CurrentCulture)]),
            _ when underlying == typeof(DateTimeOffset) => (instant, [instant.ToString("O", CultureInfo.InvariantCulture), instant.ToString("u", CultureInfo.InvariantCulture), instant.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)]),
            _ => throw new InvalidOperationException($"A catalogue member takes a {type.Name}; catalogues take strings, numbers and instants."),
        };
    }
}
