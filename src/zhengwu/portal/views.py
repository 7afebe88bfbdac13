"""The public portal."""

from django.shortcuts import render

from zhengwu.org.selectors import home_county, service_network_listing


def home(request):
    county = home_county()
    return render(request, "portal/home.html", {"county": county})


def service_network(request):
    county = home_county()
    listing = service_network_listing(county) if county else None
    return render(request, "portal/service_network.html", {"county": county, "listing": listing})
