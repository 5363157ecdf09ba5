from django.conf import settings


def site(request):
    return {"DEBUG": settings.DEBUG, "ADMIN_PATH": settings.ADMIN_PATH}
