"""Middleware every app shares: what a browser or proxy may keep of a signed-in user's responses."""

from django.utils.cache import add_never_cache_headers, patch_vary_headers


class NoStoreWhenSignedInMiddleware:
    """Every response to a signed-in user (pages, fragments, Excel and PDF downloads, error pages) carries
    `Cache-Control: no-store, private`: a shared PC in the town hall or a caching proxy must not keep a
    draft report or the portfolio for the next person. Static files are served before this runs
    (whitenoise) and keep their long caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class VaryOnHtmxMiddleware:
    """Every response says it may differ for htmx (`Vary: HX-Request`): one URL serves both the full page
    and its fragment (STYLE.md), so a cache must never hand a fragment to a full-page request or back.
    Written once here rather than in each view that branches on `request.htmx`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ("HX-Request",))
        return response
