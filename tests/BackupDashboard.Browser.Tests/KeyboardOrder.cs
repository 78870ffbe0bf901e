using System.Text.Json;
using Microsoft.Playwright;

namespace BackupDashboard.Browser.Tests;

/// <summary>
/// Walks a page with the Tab key as a keyboard user does and checks what they meet: the menu
/// button first, then the menu, then the page's own controls in reading order (top to bottom,
/// left to right on a row), each with a visible focus frame, and no frame on the heading that
/// Blazor focuses after a navigation.
/// </summary>
internal static class KeyboardOrder
{
    /// <summary>One stop of the Tab key: what it is, where it is, and how focus shows on it.</summary>
    internal sealed record Stop(string What, bool InPage, double Top, double Left, double Height, string Outline);

    private const string DescribeFocused = """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return null;
          const r = e.getBoundingClientRect();
          const s = getComputedStyle(e);
          // A MudBlazor text field marks focus on its frame (a 2 px border in the primary colour), not on the input.
          const frame = e.closest('.mud-input')?.querySelector('.mud-input-outlined-border');
          const framed = frame && getComputedStyle(frame).borderTopWidth === '2px';
          const label = e.id || e.getAttribute('aria-label') || (e.innerText || e.value || '').trim().slice(0, 40) || e.tagName;
          return { What: e.tagName.toLowerCase() + ':' + label, InPage: !!e.closest('.bd-page'), Top: r.top + window.scrollY, Left: r.left + window.scrollX,
                   Height: r.height, Outline: s.outlineStyle !== 'none' ? s.outlineStyle + ' ' + s.outlineWidth : framed ? 'field frame 2px' : 'none' };
        }
        """;

    public static async Task<IReadOnlyList<Stop>> CheckAsync(IPage page, IReadOnlyList<string> menuItems, int stops)
    {
        // After a navigation Blazor focuses the page's h1 (FocusOnNavigate) for screen readers, once
        // the page has rendered: no frame on it.
        await page.WaitForFunctionAsync("() => document.activeElement?.tagName === 'H1'", null, new() { Timeout = 30_000 });
        Assert.Equal("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));

        // From the first control of the document, the menu button, onwards with the Tab key.
        await page.EvaluateAsync("() => { window.scrollTo(0, 0); document.getElementById('sidebar-toggle').focus(); }");
        var walked = new List<Stop>();
        for (var i = 0; i < stops; i++)
        {
            var json = await page.EvaluateAsync<JsonElement>(DescribeFocused);
            if (json.ValueKind != JsonValueKind.Object)
            {
                break;
            }

            walked.Add(json.Deserialize<Stop>()!);
            await page.Keyboard.PressAsync("Tab");
        }

        var seen = string.Join(Environment.NewLine, walked.Select(s => $"{s.What} top={s.Top:0} left={s.Left:0} outline={s.Outline}"));
        Assert.True(walked.Count > 1 && walked[0].What == "button:sidebar-toggle", $"Tab from the menu button goes on:{Environment.NewLine}{seen}");
        // Nothing a keyboard reaches sits before the menu button in the document.
        Assert.Equal("sidebar-toggle", await page.EvaluateAsync<string>(
            "() => document.querySelector('a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex=\"-1\"])').id"));

        // The menu follows the button and the sign-out, item by item as it reads.
        var menu = walked.Where(s => !s.InPage && s.What.StartsWith("a:", StringComparison.Ordinal)).Select(s => s.What[2..]).ToList();
        Assert.True(menu.SequenceEqual(menuItems), $"the menu is reached in the order {string.Join(", ", menu)}:{Environment.NewLine}{seen}");

        // The page's own controls come after the shell's, and follow the reading order.
        var firstInPage = walked.FindIndex(s => s.InPage);
        Assert.True(firstInPage > 0, $"Tab never reached the page:{Environment.NewLine}{seen}");
        Assert.True(walked.Skip(firstInPage).All(s => s.InPage), $"the shell's controls come after the page's:{Environment.NewLine}{seen}");
        var inPage = walked.Skip(firstInPage).ToList();
        for (var i = 1; i < inPage.Count; i++)
        {
            var (before, now) = (inPage[i - 1], inPage[i]);
            // The same row (overlapping vertically) goes left to right; otherwise downwards.
            var sameRow = now.Top < before.Top + before.Height && before.Top < now.Top + now.Height;
            Assert.True(sameRow ? now.Left > before.Left : now.Top > before.Top,
                $"Tab goes from {before.What} to {now.What}, against the reading order:{Environment.NewLine}{seen}");
        }

        // Each stop the Tab key reached shows where the focus is (the first was focused by script,
        // which browsers do not mark).
        Assert.All(walked.Skip(1), s => Assert.True(s.Outline != "none", $"{s.What} shows no focus mark:{Environment.NewLine}{seen}"));
        return walked;
    }
}
