using Scorecard.Web.Infrastructure;

// One executable: the web server, or a command-line verb that does its work and exits
// (`import <file.json>…`, `export <organisation> <rocYear> <out.json>`).
if (args.Length > 0 && CommandLine.IsVerb(args[0]))
    return await CommandLine.RunAsync(args);

await ScorecardApp.Build(args).RunAsync();
return 0;

public partial class Program;
