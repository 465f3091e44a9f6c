using Microsoft.EntityFrameworkCore;

namespace Scorecard.Data;

/// <summary>Builds a context for the migrations tools of one provider.</summary>
public static class DesignTimeFactory
{
    public static ScorecardDb Create(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<ScorecardDb>();
        ScorecardDbSetup.Configure(options, provider, connectionString);
        return new ScorecardDb(options.Options, TimeProvider.System);
    }
}
