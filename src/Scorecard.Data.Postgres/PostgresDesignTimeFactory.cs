using Microsoft.EntityFrameworkCore.Design;

namespace Scorecard.Data.Postgres;

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<ScorecardDb>
{
    // Generating migrations needs no server; the connection string only names the provider.
    public ScorecardDb CreateDbContext(string[] args) =>
        DesignTimeFactory.Create(DatabaseProvider.Postgres, "Host=localhost;Database=scorecard_design");
}
