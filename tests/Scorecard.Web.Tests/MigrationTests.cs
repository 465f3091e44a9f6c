using Microsoft.EntityFrameworkCore;
using Scorecard.Data;

namespace Scorecard.Web.Tests;

public class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=unused")]
    public void Neither_provider_has_model_changes_without_a_migration(DatabaseProvider provider, string connection)
    {
        using var db = DesignTimeFactory.Create(provider, connection);
        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: run dotnet ef migrations add for this provider");
        Assert.NotEmpty(db.Database.GetMigrations());
    }
}
