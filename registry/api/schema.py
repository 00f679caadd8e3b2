from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

from . import serializers

CSV_DESCRIPTION = (
    "With format=csv: every matching row (pagination ignored), UTF-8, a header row of stable "
    "column names, multi-valued cells joined with '; '."
)


REPEATED = (
    " The parameter may also be repeated instead (name=a&name=b), which means the same as commas."
)


class RegistryAutoSchema(AutoSchema):
    """Documents what every endpoint shares: CSV bodies, the 400 error shape, 404 and 429."""

    def _get_filter_parameters(self):
        parameters = super()._get_filter_parameters()
        for parameter in parameters:
            # An empty filter (?status=, as HTML forms send it) is the same as none.
            parameter["allowEmptyValue"] = True
            if parameter.get("schema", {}).get("type") == "array":
                # Several values: with commas, or the parameter repeated (as generated clients
                # send arrays); the view joins repeats with commas.
                parameter["description"] = parameter.get("description", "") + REPEATED
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        ok = responses.get("200", {})
        if "text/csv" in ok.get("content", {}):
            csv_schema = {"type": "string", "description": CSV_DESCRIPTION}
            ok["content"]["text/csv"] = {"schema": csv_schema}
        json_only = ["application/json"]
        responses["400"] = self._get_response_for_code(
            serializers.ErrorSerializer, "400", json_only, direction
        )
        responses["400"]["description"] = (
            "A bad or unknown query parameter, or one that takes a single value repeated. "
            'Body: {"errors": {"<parameter>": '
            '["<reason>", ...]}}, one entry per bad parameter.'
        )
        if "{" in self.path:
            responses["404"] = self._get_response_for_code(
                serializers.DetailSerializer, "404", json_only, direction
            )
            responses["404"]["description"] = "No published record has this identifier."
            if getattr(self.view, "redirects_merged_records", False):
                responses["302"] = {
                    "description": "The record was merged into another: Location is the "
                    "survivor's URL (the same query string kept).",
                    "headers": {"Location": {"schema": {"type": "string", "format": "uri"}}},
                }
        elif self._get_pagination_parameters():
            responses["404"] = self._get_response_for_code(
                serializers.DetailSerializer, "404", json_only, direction
            )
            responses["404"]["description"] = "A page past the last one."
        responses["429"] = self._get_response_for_code(
            serializers.DetailSerializer, "429", json_only, direction
        )
        responses["429"]["description"] = "Too many requests; retry after the Retry-After delay."
        return responses


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Researchers' tokens: ``Authorization: Token ppr_…``, issued by an administrator."""

    target_class = "registry.accounts.authentication.ApiTokenAuthentication"
    name = "researcherToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A researcher's token, sent as 'Token ppr_…'. Anonymous access "
            "works too, at a lower rate limit.",
        }
