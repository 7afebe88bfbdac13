from zhengwu.org.selectors import home_county


def site(request):
    """The county this installation serves, for page headers and titles."""
    return {"home_county": home_county()}
