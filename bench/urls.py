from django.http import HttpResponse
from django.urls import path

from procurement_portal.urls import *  # noqa: F403
from procurement_portal.urls import urlpatterns as portal_urlpatterns


def bare(request):
    """The cheapest Django response this server can give: the yardstick for every page."""
    return HttpResponse("ok")


urlpatterns = [path("bench/bare", bare), *portal_urlpatterns]
