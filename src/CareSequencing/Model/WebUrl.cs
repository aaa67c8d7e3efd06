namespace CareSequencing.Model;

/// <summary>What <see cref="WebUrl.Check"/> found in a link written in a pack.</summary>
internal enum WebUrlVerdict
{
    /// <summary>An absolute <c>https://</c> URL with a host: accepted.</summary>
    Https,
    /// <summary>An absolute <c>http://</c> URL with a host: accepted with a warning (CSQ1051).</summary>
    Http,
    /// <summary>Empty, or longer than <see cref="WebUrl.MaxLength"/>.</summary>
    EmptyOrTooLong,
    /// <summary>A space, tab, line break, control, format (bidi, zero-width) or non-ASCII character.</summary>
    HiddenCharacter,
    /// <summary>Not <c>https://</c> or <c>http://</c> (in lower case) at the start: <c>javascript:</c>, <c>data:</c>, <c>file:</c>, relative, <c>//host</c>...</summary>
    SchemeNotAllowed,
    /// <summary>A character RFC 3986 does not allow in a URL (<c>&lt; &gt; " \ ` { } | ^</c>).</summary>
    CharacterNotAllowed,
    /// <summary>No host, or a host that is not a DNS name or an IP address.</summary>
    BadHost,
    /// <summary>A user name or password before the host (<c>https://trusted.org@evil.example</c>).</summary>
    UserInfo,
    /// <summary>A percent-encoded control character (<c>%00</c>–<c>%1F</c>, <c>%7F</c>) or a malformed escape.</summary>
    EncodedControl,
}

/// <summary>
/// The one check of every link a pack carries (source <c>url</c>s) and every URL a CDS Hooks card
/// writes. Only absolute web addresses pass: <c>https://</c>, and <c>http://</c> with a warning.
/// </summary>
/// <remarks>
/// Allow-list, not deny-list: the URL is written exactly as it will be served (no trimming, no
/// decoding, no case folding), so the tricks that make a browser read <c>javascript:</c> where a
/// filter saw something else (<c> JaVaScRiPt:</c>, <c>java&#9;script:</c>, <c>%6Aavascript:</c>,
/// <c>//evil.example</c>, <c>https:\\evil</c>, <c>https://good@evil</c>) all fail on the first rule they
/// break. Every character is one RFC 3986 allows, so the URL can go into a markdown autolink
/// <c>&lt;...&gt;</c> without escaping and cannot end it early.
/// </remarks>
internal static class WebUrl
{
    /// <summary>The longest URL accepted, in characters (browsers and servers commonly stop at about 2,000).</summary>
    public const int MaxLength = 2048;

    public static bool IsAllowed(string? url) => url is not null && Check(url) is WebUrlVerdict.Https or WebUrlVerdict.Http;

    public static WebUrlVerdict Check(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Length == 0 || url.Length > MaxLength) return WebUrlVerdict.EmptyOrTooLong;
        foreach (var c in url)
            if (c <= ' ' || c >= '\u007F') return WebUrlVerdict.HiddenCharacter;

        string scheme;
        if (url.StartsWith("https://", StringComparison.Ordinal)) scheme = "https";
        else if (url.StartsWith("http://", StringComparison.Ordinal)) scheme = "http";
        else return WebUrlVerdict.SchemeNotAllowed;

        foreach (var c in url)
            if (!IsUriCharacter(c)) return WebUrlVerdict.CharacterNotAllowed;
        if (!PercentEscapesAreSafe(url)) return WebUrlVerdict.EncodedControl;

        var rest = url[(scheme.Length + 3)..];
        var end = rest.IndexOfAny(['/', '?', '#']);
        var authority = end < 0 ? rest : rest[..end];
        if (authority.Contains('@', StringComparison.Ordinal)) return WebUrlVerdict.UserInfo;
        if (authority.Length == 0 || authority.Contains('%', StringComparison.Ordinal)) return WebUrlVerdict.BadHost;

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Scheme, scheme, StringComparison.Ordinal)
            || uri.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6)
            || uri.Host.Length == 0
            || uri.UserInfo.Length != 0
            || !IsHost(authority))
            return WebUrlVerdict.BadHost;
        return scheme == "https" ? WebUrlVerdict.Https : WebUrlVerdict.Http;
    }

    // RFC 3986 unreserved, reserved and '%': nothing else, so no '<', '>', '"', '\', '`', '{', '}', '|', '^'.
    private static bool IsUriCharacter(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '-' or '.' or '_' or '~' or ':' or '/' or '?' or '#' or '[' or ']' or '@'
            or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or '%';

    private static bool PercentEscapesAreSafe(string url)
    {
        for (var i = 0; i < url.Length; i++)
        {
            if (url[i] != '%') continue;
            if (i + 2 >= url.Length || !Uri.IsHexDigit(url[i + 1]) || !Uri.IsHexDigit(url[i + 2])) return false;
            var value = Convert.ToInt32(url.Substring(i + 1, 2), 16);
            if (value < 0x20 || value == 0x7F) return false;
        }
        return true;
    }

    // host[:port], where host is a DNS name (letters, digits, '-', '.'), an IPv4 address or a bracketed IPv6 address.
    private static bool IsHost(string authority)
    {
        string host;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) return false;
            host = authority[..(close + 1)];
            var after = authority[(close + 1)..];
            return (after.Length == 0 || IsPort(after)) && Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.IPv6;
        }
        var colon = authority.IndexOf(':', StringComparison.Ordinal);
        host = colon < 0 ? authority : authority[..colon];
        if (colon >= 0 && !IsPort(authority[colon..])) return false;
        if (host.Length == 0 || host[0] is '.' or '-' || host[^1] is '.' or '-' || host.Contains("..", StringComparison.Ordinal)) return false;
        foreach (var c in host)
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.')) return false;
        return true;
    }

    private static bool IsPort(string text) =>
        text.Length is > 1 and <= 6 && text[0] == ':' && text.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
}
