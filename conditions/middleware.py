from django.conf import settings


class SecurityHeadersMiddleware:
    """Headers Django 5.2 does not send itself: one fixed Content-Security-Policy and a
    Permissions-Policy. Set on every response, error pages included.

    Caching fails closed: a response that did not choose its own Cache-Control (content
    pages do, via conditions.caching.content_page; whitenoise does for static files) is
    sent `no-store`, so a page about a parent is never kept by a browser, proxy or CDN."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cache-Control", "no-store")
        return response
