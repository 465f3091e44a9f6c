using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Scorecard.Web.Infrastructure.Caching;

/// <summary>
/// A part of a page that is the same for every reader at a content stamp (a map's grid), rendered once per
/// stamp and language and kept as HTML in the <see cref="ReadCache"/>. The output cache keeps whole pages
/// for visitors only; a signed-in page carries its reader's own links, history and form token, and made the
/// whole 300-KPI map again for every request. Now it makes only its reader's parts around the kept HTML.
/// The component rendered must show nothing that depends on who reads it: it is rendered outside any request.
/// </summary>
public sealed class SharedHtml(CachedReads cached, ILoggerFactory logs)
{
    public async Task<MarkupString> RenderAsync<TComponent>(object key, Dictionary<string, object?> parameters, CancellationToken ct = default)
        where TComponent : IComponent
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var html = await cached.GetAsync(("html", typeof(TComponent), key, uiCulture.Name), async services =>
        {
            // The cache computes outside the request; the words and numbers are the request's language's.
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            await using var renderer = new HtmlRenderer(services, logs);
            return await renderer.Dispatcher.InvokeAsync(async () =>
                (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        }, ct);
        return new MarkupString(html);
    }
}
