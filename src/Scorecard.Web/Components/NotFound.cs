using Microsoft.AspNetCore.Components;

namespace Scorecard.Web.Components;

/// <summary>Answers a page request with 404 and a message naming what was not found.</summary>
public static class NotFound
{
    public const string MessageKey = "Scorecard.NotFoundMessage";

    public static void Show(NavigationManager navigation, HttpContext? http, string message)
    {
        if (http is not null)
            http.Items[MessageKey] = message;
        navigation.NotFound();
    }
}
