using Scorecard.Web.Infrastructure;

// One executable: the web server (`serve`, or no verb at all), or a command-line verb that does its work and exits.
// `--help` lists them; exit codes 0 done, 1 refused, 2 usage.
return await CommandLine.RunAsync(args);

public partial class Program;
