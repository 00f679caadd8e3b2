from rest_framework.metadata import BaseMetadata


class MinimalMetadata(BaseMetadata):
    """What OPTIONS answers: the endpoint's name, description and formats.

    DRF's default metadata can describe the fields of write actions, with the choices of each
    related field, which would list records. This API is read-only and says nothing of that kind.
    """

    def determine_metadata(self, request, view):
        return {
            "name": view.get_view_name(),
            "description": view.get_view_description(),
            "renders": [renderer.media_type for renderer in view.renderer_classes],
            "parses": [parser.media_type for parser in view.parser_classes],
        }
