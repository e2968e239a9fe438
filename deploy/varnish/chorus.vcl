# Varnish in front of Chorus (Debian's varnish 7 with varnish-modules).
#
# - Public pages (/, /artists/N, /albums/N, /tracks/N, /users/NAME, /charts,
#   /playlists/N: the origin serves a playlist's page only when it is public)
#   and search-as-you-type answers (/api/search?q=) are the same bytes for
#   everyone: cookies are stripped on those routes
#   only and the page is cached for as long as its s-maxage says. The origin
#   names what each page shows in Surrogate-Key; a purge by key (xkey)
#   drops every page showing a changed thing.
# - Static assets and audio are cached as their Cache-Control says.
# - Everything else (the API, sign-in, settings, the feed socket) passes
#   straight to the origin and is never stored.
# - Grace: while the origin is healthy a stale page is served for at most
#   its stale-while-revalidate and refreshed in the background; while it is
#   down, for as long as its stale-if-error allows.
# - PURGE with an `xkey-purge: key key…` header, from allowed addresses only.
# - The client's address: Varnish itself appends the address each request
#   came from to X-Forwarded-For before vcl_recv (for piped WebSocket
#   handshakes too), and nothing here removes it. Start Chorus with
#   `--trusted-proxies` naming this Varnish's address: it then takes the
#   rightmost untrusted X-Forwarded-For hop as the client, for its per-IP
#   limits and logs (a hop the client forged in front is ignored).
#
# Run: varnishd -a :8080 -f /path/to/chorus.vcl (the backend below is the
# origin; tests run this file with only the backend port changed).
vcl 4.1;

import std;
import xkey;

backend chorus {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # WebSocket feeds are piped: no timeout between bytes for them.
    .between_bytes_timeout = 60s;
    .probe = {
        .url = "/healthz";
        .interval = 1s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

# Who may purge: the origin's instances.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # X-Forwarded-For already ends with client.ip here (see the top).
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is not allowed from this address"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the keys to purge in the xkey-purge header"));
        }
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.x-purged + " objects"));
    }
    if (req.url ~ "^/metrics(\?.*)?$" && client.ip !~ purgers) {
        # Operators scrape instances directly; the public never sees it.
        return (synth(404, "Not Found"));
    }
    if (req.http.Upgrade ~ "(?i)websocket") {
        return (pipe);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(artists|albums|tracks|playlists)/[0-9]+/?(\?.*)?$"
        || req.url ~ "^/users/[a-z0-9_]+/?(\?.*)?$"
        || req.url ~ "^/(charts/?)?(\?.*)?$"
        || req.url ~ "^/(robots\.txt|sitemap\.xml|sitemaps/[a-z]+(-[0-9]+)?\.xml)$"
        || req.url ~ "^/embed/(tracks|albums|playlists)/[0-9]+$"
        || req.url ~ "^/api/search\?") {
        # The same page for everyone: the session cookie is not the
        # origin's business here.
        unset req.http.Cookie;
        unset req.http.Authorization;
        call chorus_grace;
        return (hash);
    }
    if (req.url ~ "^/(pkg|media|icons)/" || req.url ~ "^/(manifest\.webmanifest|sw\.js|favicon\.ico)$") {
        unset req.http.Cookie;
        call chorus_grace;
        return (hash);
    }
    return (pass);
}

# A stale object is served while the origin is healthy only within
# stale-while-revalidate; when it is sick, within the object's whole grace
# (stale-if-error).
sub chorus_grace {
    if (std.healthy(req.backend_hint)) {
        set req.grace = 60s;
    }
}

sub vcl_pipe {
    if (req.http.Upgrade) {
        set bereq.http.Upgrade = req.http.Upgrade;
        set bereq.http.Connection = req.http.Connection;
    }
}

sub vcl_pass {
    set req.http.x-chorus-pass = "1";
}

sub vcl_backend_response {
    # A failed background refresh keeps the stale object (stale-if-error).
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    if (beresp.status >= 500) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
        unset beresp.http.Set-Cookie;
    }
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1") + "s", 0s);
    }
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_backend_error {
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_deliver {
    unset resp.http.xkey;
    if (req.http.x-chorus-pass) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
