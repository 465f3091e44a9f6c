using Microsoft.AspNetCore.Http.Features;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Interchange;

/// <summary>
/// How much one request may send (<c>Scorecard:Uploads:MaxMegabytes</c>, default 30, the whole request
/// with all its files) and how many files one import takes (<c>Scorecard:Uploads:MaxFiles</c>, default 50).
/// Larger requests end in 413 naming the limit before anything is read into the database.
/// </summary>
public sealed record UploadLimits(int MaxMegabytes, int MaxFiles)
{
    public long MaxBytes => MaxMegabytes * 1024L * 1024L;

    public static UploadLimits From(IConfiguration config) =>
        new(config.GetValue("Scorecard:Uploads:MaxMegabytes", 30), config.GetValue("Scorecard:Uploads:MaxFiles", 50));

    public static IServiceCollection AddUploadLimits(IServiceCollection services, IConfiguration config, IWebHostBuilder host)
    {
        var limits = From(config);
        services.AddSingleton(limits);
        // For every route, the API's and the import page's form alike.
        host.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = limits.MaxBytes);
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = limits.MaxBytes);
        return services;
    }

    /// <summary>Refuses a request whose declared length is over the limit, before reading it.</summary>
    public void Check(HttpRequest request)
    {
        if (request.ContentLength > MaxBytes)
            throw new TooLargeException(MaxBytes);
    }

    /// <summary>
    /// Every request is held to its declared length before anything reads the body: the form-token check
    /// reads a page's form first, and a body over the limit there was answered as a missing token (400, in
    /// English). A browser always declares a form's length; a body that does not is stopped by Kestrel while read.
    /// </summary>
    public static IApplicationBuilder UseUploadLimits(IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<UploadLimits>();
        return app.Use((http, next) =>
        {
            limits.Check(http.Request);
            return next(http);
        });
    }

    /// <summary>Refuses more files than one import takes.</summary>
    public void CheckFiles(int count)
    {
        if (count > MaxFiles)
            throw new Domain.Common.InvalidInputException("files", $"一次最多匯入 {MaxFiles} 個檔案，這次收到 {count} 個；請分批匯入。");
    }
}
