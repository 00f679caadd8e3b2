"""What every registry admin page shares: no lost updates, a reason for each change, readable
history with revert, publishing, and recovery of deleted records. One concern per module:

- ``forms``: forms carry the record's version in a hidden input. Saving checks it against the
  stored version with the row locked (SELECT ... FOR UPDATE inside the admin's transaction); the
  model's own save checks it again in its UPDATE. A stale form is re-shown with an error naming
  who changed the record, when, and what (``registry.core.conflicts``). Inline rows are checked
  when they are changed or deleted.
- ``history``: an optional "Reason for this change" becomes the history's change reason for the
  record and the inline rows saved with it; the history page diffs field by field with labels,
  leaves out restricted fields for staff who may not see them, and reverts through a locked,
  permission-checked save.
- ``selection``: admin actions check the version each checkbox was rendered with.
- ``deleted``: deleted records are listed and recovered by staff who may delete them
  (``registry.core.recovery``).
- ``pagination``: list pages never count the whole table.
- ``publishing``: only reviewers publish, from a list; ``review``: reviewers list and mark
  reviewed the published records editors changed; ``queue``: the review queue, one page of
  everything awaiting review, grouped by person or deal; ``filters``: filters on related rows.
- ``options``: ``RegistryAdmin``, which puts these together; ``inlines``: ``RegistryInline``.
"""

from .filters import RelatedExistsFilter
from .forms import RegistryForm, VersionedForm, VersionedInlineForm, VersionedInlineFormSet
from .inlines import RegistryInline, RegistryTabularInline
from .options import RegistryAdmin
from .pagination import CappedCountPaginator
from .publishing import PublicationFilter, publish_selected, unpublish_selected
from .restricted import RESTRICTED
from .review import UnreviewedFilter, mark_reviewed_selected

__all__ = [
    "RESTRICTED",
    "CappedCountPaginator",
    "PublicationFilter",
    "RegistryAdmin",
    "RegistryForm",
    "RegistryInline",
    "RegistryTabularInline",
    "RelatedExistsFilter",
    "VersionedForm",
    "VersionedInlineForm",
    "UnreviewedFilter",
    "VersionedInlineFormSet",
    "mark_reviewed_selected",
    "publish_selected",
    "unpublish_selected",
]
