using System.Runtime.CompilerServices;

namespace Scorecard.Web.Tests;

static class TestHosts
{
    /// <summary>
    /// Every host a run starts (about 60 servers kept for the run, the command line's hosts, the OpenID
    /// provider, the server processes, which inherit it) would otherwise watch appsettings.json with an
    /// inotify instance of its own, and Linux allows 128 per user: past that, hosts fail to start.
    /// Nothing in a test changes a settings file while it runs.
    /// </summary>
    [ModuleInitializer]
    internal static void WithoutSettingsWatchers() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
