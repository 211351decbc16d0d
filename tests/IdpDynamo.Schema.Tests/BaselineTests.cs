using IdpDynamo.Schema.Tests.Infrastructure;

namespace IdpDynamo.Schema.Tests;

public class BaselineTests
{
    [Fact]
    public void The_baseline_file_has_no_diagnostics()
    {
        var diagnostics = Check.Validate(Values.Valid);
        Assert.True(diagnostics.Count == 0, Check.Describe(diagnostics));
    }
}
