using System.Net.Http.Headers;
using Scorecard.Testing;

namespace Scorecard.Web.Tests;

/// <summary>Files as POST /api/imports takes them: multipart, one part per file.</summary>
static class Uploads
{
    public static MultipartFormDataContent Of(string name, byte[] content)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "files", name);
        return form;
    }

    public static MultipartFormDataContent Seed(string name) => Of(name, File.ReadAllBytes(SeedData.PathOf(name)));
}
