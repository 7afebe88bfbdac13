"""The JSON API at ``/api/``: session auth (with CSRF) for the browser, bearer tokens for clients.

Every error is JSON: ``{"code": "...", "message": "...", "errors": [...]}``, where ``code`` is
machine-readable and ``message`` is in the request's language (Simplified Chinese by default).
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, SessionAuth

from zhengwu import __version__
from zhengwu.assessment.api import router as assessment_router
from zhengwu.cases.api import router as cases_router
from zhengwu.catalog.api import router as catalog_router
from zhengwu.common.errors import DomainError
from zhengwu.contracts.api import router as contracts_router
from zhengwu.decisions.api import router as decisions_router
from zhengwu.disputes.api import router as disputes_router
from zhengwu.enforcement.api import router as enforcement_router
from zhengwu.lawstudy.api import router as lawstudy_router
from zhengwu.org.api import router as org_router
from zhengwu.org.services import api_token_authenticate
from zhengwu.proposals.api import router as proposals_router
from zhengwu.reconsideration.api import router as reconsideration_router
from zhengwu.rulemaking.api import router as rulemaking_router

logger = logging.getLogger(__name__)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer zw_...`` with a token issued to an account."""

    def authenticate(self, request, token):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="zhengwu API",
    version=__version__,
    description="Law-based administration and e-government platform",
    # The bearer token first: a browser never sends one on its own, so it needs no CSRF check,
    # and a client with a token and no CSRF cookie can POST. A session still gets the check.
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)


def error_response(request, status: int, code: str, message: str, errors=None):
    body = {"code": code, "message": message}
    if errors is not None:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


def _field_of(loc) -> str:
    parts = [str(part) for part in loc if part not in {"body", "query", "path", "form", "payload"}]
    return ".".join(parts)


@api.exception_handler(NinjaValidationError)
def on_validation_error(request, exc: NinjaValidationError):
    errors = [
        {
            "field": _field_of(item.get("loc", ())),
            "message": item.get("msg", ""),
            "type": item.get("type", ""),
        }
        for item in exc.errors
    ]
    return error_response(
        request, 422, "validation_error", _("The submitted data is invalid."), errors
    )


@api.exception_handler(DjangoValidationError)
def on_django_validation_error(request, exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": field, "message": str(message), "type": error.code or "invalid"}
            for field, items in exc.error_dict.items()
            for error in items
            for message in error.messages
        ]
    else:
        errors = [
            {"field": "", "message": message, "type": getattr(exc, "code", None) or "invalid"}
            for message in exc.messages
        ]
    return error_response(
        request, 422, "validation_error", _("The submitted data is invalid."), errors
    )


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc):
    return error_response(request, 401, "not_authenticated", _("Please log in first."))


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return error_response(request, 403, "forbidden", _("You do not have permission to do this."))


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error_response(request, 404, "not_found", _("The requested record does not exist."))


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    return error_response(request, exc.status, exc.code, str(exc.message))


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    messages = {
        400: _("The request is malformed."),
        401: _("Please log in first."),
        403: _("You do not have permission to do this."),
        404: _("The requested record does not exist."),
        405: _("This method is not allowed here."),
        429: _("Too many requests; please try again later."),
    }
    code = {401: "not_authenticated", 403: "forbidden", 404: "not_found"}.get(
        exc.status_code, "http_error"
    )
    return error_response(
        request, exc.status_code, code, messages.get(exc.status_code, str(exc.message))
    )


@api.exception_handler(Exception)
def on_unexpected_error(request, exc: Exception):
    logger.exception("Unhandled API error", exc_info=exc)
    return error_response(
        request, 500, "server_error", _("An internal error occurred; please try again later.")
    )


api.add_router("/", org_router)
api.add_router("/catalog", catalog_router)
api.add_router("/", cases_router)
api.add_router("/rules", rulemaking_router)
api.add_router("/enforcement", enforcement_router)
api.add_router("/reconsideration", reconsideration_router)
api.add_router("/contracts", contracts_router)
api.add_router("/decisions", decisions_router)
api.add_router("/disputes", disputes_router)
api.add_router("/proposals", proposals_router)
api.add_router("/lawstudy", lawstudy_router)
api.add_router("/assessment", assessment_router)


@api.get("/health", auth=None, tags=["system"], summary="Service health")
def health(request):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok", "version": __version__, "database": connection.vendor}
