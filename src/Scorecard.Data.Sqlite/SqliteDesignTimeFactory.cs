using Microsoft.EntityFrameworkCore.Design;

namespace Scorecard.Data.Sqlite;

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<ScorecardDb>
{
    public ScorecardDb CreateDbContext(string[] args) =>
        DesignTimeFactory.Create(DatabaseProvider.Sqlite, "Data Source=design-time.db");
}
