namespace Billing.ArchitectureTests.Rules;

/// <summary>Assertions on rule results, with the result's report as the failure message.</summary>
internal static class RuleAssert
{
    /// <summary>The rule checked something and nothing broke it.</summary>
    public static void Holds(RuleResult result)
    {
        Assert.True(result.CheckedNames.Count > 0, "The rule selected nothing to check.");
        Assert.True(result.IsSuccessful, result.ToString());
    }

    /// <summary>The rule failed, naming every one of <paramref name="plantedNames"/> among the culprits.</summary>
    public static void FailsNaming(RuleResult result, params string[] plantedNames)
    {
        Assert.False(result.IsSuccessful, "The rule passed on planted violations.");
        foreach (string name in plantedNames)
        {
            Assert.True(result.FailingNames.Contains(name), $"The rule did not name {name}.{Environment.NewLine}{result}");
        }
    }

    /// <summary>The rule gave <paramref name="reason"/> for <paramref name="name"/>.</summary>
    public static void Reports(RuleResult result, string name, string reason)
    {
        var violation = result.Violations.SingleOrDefault(candidate => candidate.Name == name);
        Assert.True(violation is not null, $"The rule did not name {name}.{Environment.NewLine}{result}");
        Assert.True(violation.Reasons.Contains(reason), $"The rule did not report '{reason}' for {name}.{Environment.NewLine}{result}");
    }

    /// <summary>The rule checked each of <paramref name="cleanNames"/> and found nothing wrong with it.</summary>
    public static void Passes(RuleResult result, params string[] cleanNames)
    {
        foreach (string name in cleanNames)
        {
            Assert.True(result.CheckedNames.Contains(name), $"The rule did not check {name}.{Environment.NewLine}{result}");
            Assert.False(result.FailingNames.Contains(name), $"The rule wrongly named {name}.{Environment.NewLine}{result}");
        }
    }
}
