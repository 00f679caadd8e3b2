"""The review of probable duplicates: a queue ranked by score, each pair side by side with the
reasons, and the reviewer's decision. Editors see the queue and flag pairs nothing proposed."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from registry.core.admin import RegistryAdmin
from registry.core.admin.forms import RegistryForm
from registry.core.history import stamp
from registry.core.permissions import can_see_restricted

from . import linkage, merging
from .duplicates import Decision, DuplicateCandidate, facts_of, reason_text
from .merging import CHOSEN, RESTRICTED_CHOICES, PersonMerge, differing
from .models import Prisoner

DECIDE = "prisoners.decide_duplicatecandidate"
MERGE = "prisoners.merge_prisoner"
PUBLISH_PEOPLE = "prisoners.publish_prisoner"
SAME_FACT_TWICE = _(
    "The two records hold the same fact twice (a release in the same deal, or a recognition by "
    "the same organisation on the same day): delete the copy on one of them, then merge."
)


class FlagForm(RegistryForm):
    """An editor's flag: two people who may be one, with why."""

    class Meta:
        model = DuplicateCandidate
        fields = ["left", "right", "note"]

    def clean(self):
        cleaned = super().clean()
        left, right = cleaned.get("left"), cleaned.get("right")
        if left and right:
            if left == right:
                raise forms.ValidationError(gettext("Choose two different people."))
            if left.pk > right.pk:  # the table keeps the smaller id on the left
                cleaned["left"], cleaned["right"] = left, right = right, left
            if DuplicateCandidate.objects.filter(left=left, right=right).exists():
                raise forms.ValidationError(
                    gettext("These two people are already a pair in the queue.")
                )
        return cleaned


@admin.register(DuplicateCandidate)
class DuplicateCandidateAdmin(RegistryAdmin):
    list_display = ["pair", "score_percent", "why", "decision", "found_at"]
    list_select_related = ["left", "right"]
    list_filter = ["decision"]
    search_fields = ["left__display_name", "right__display_name"]
    ordering = ["-score", "id"]
    autocomplete_fields = ["left", "right"]
    actions = ["mark_different", "mark_later"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = FlagForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["left", "right", "note"]
        return ["comparison", "score_percent", "why", "decision", "note", "flagged_by"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        readonly = ["comparison", "score_percent", "why", "flagged_by"]
        if not request.user.has_perm(DECIDE):
            readonly.append("decision")
        return readonly

    def save_model(self, request, obj, form, change):
        if not change:
            facts = facts_of([obj.left_id, obj.right_id])
            comparison = linkage.compare(facts[obj.left_id], facts[obj.right_id])
            obj.score, obj.reasons = comparison.score, comparison.reasons
            obj.flagged_by = request.user
        elif "decision" in form.changed_data:
            obj.decided_by, obj.decided_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    @admin.display(description=_("pair"))
    def pair(self, candidate):
        return format_html("{} ↔ {}", candidate.left, candidate.right)

    @admin.display(description=_("score"), ordering="score")
    def score_percent(self, candidate):
        return f"{round(candidate.score * 100)} %"

    @admin.display(description=_("why"))
    def why(self, candidate):
        return format_html_join(
            "",
            '<div class="duplicate-reason duplicate-{}">{} {}</div>',
            (
                (
                    reason["verdict"],
                    "✓" if reason["verdict"] == "agrees" else "✗",
                    reason_text(reason),
                )
                for reason in candidate.reasons
            ),
        )

    @admin.display(description=_("side by side"))
    def comparison(self, candidate):
        facts = facts_of([candidate.left_id, candidate.right_id])
        people = [candidate.left, candidate.right]
        restricted = getattr(candidate, "restricted_shown", False)

        def birth(fact):
            year, month, day = fact.birth
            shown = (year, month, day) if restricted else (year, None, None)
            return ".".join(
                f"{part:02d}" if part < 100 else str(part)
                for part in reversed(shown)
                if part is not None
            )

        def joined(values):
            return "; ".join(sorted(str(value) for value in values)) or "–"

        rows = [
            (
                gettext("person"),
                *(
                    format_html(
                        '<a href="{}">{}</a> ({})',
                        reverse("admin:prisoners_prisoner_change", args=[person.pk]),
                        person.public_id,
                        gettext("published") if person.is_published else gettext("draft"),
                    )
                    for person in people
                ),
            ),
            (gettext("names"), *(joined(facts[p.pk].names) for p in people)),
            (gettext("sex"), *(p.get_sex_display() for p in people)),
            (gettext("birth date"), *(birth(facts[p.pk]) or "–" for p in people)),
            (gettext("nationalities"), *(joined(facts[p.pk].nationalities) for p in people)),
            (gettext("detained on"), *(joined(facts[p.pk].detained_on) for p in people)),
            (gettext("places of detention"), *(joined(facts[p.pk].places) for p in people)),
            (gettext("articles"), *(joined(facts[p.pk].articles) for p in people)),
            (
                gettext("external identifiers"),
                *(
                    joined(f"{scheme}: {value}" for scheme, value in facts[p.pk].external_ids)
                    for p in people
                ),
            ),
            (gettext("status"), *(p.get_status_display() for p in people)),
        ]
        body = format_html_join("", "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>", rows)
        table = format_html('<table class="duplicate-comparison">{}</table>', body)
        if getattr(candidate, "may_merge", False) and candidate.decision != Decision.DIFFERENT:
            url = reverse("admin:prisoners_duplicatecandidate_merge", args=[candidate.pk])
            return format_html(
                '{}<p><a class="button" href="{}">{}</a></p>',
                table,
                url,
                gettext("Merge these records…"),
            )
        return table

    def get_object(self, request, object_id, from_field=None):
        candidate = super().get_object(request, object_id, from_field)
        if candidate is not None:
            # The comparison shows full birth dates only to staff who may see them.
            candidate.restricted_shown = can_see_restricted(request.user)
            candidate.may_merge = request.user.has_perm(MERGE) and not (
                candidate.left.merged_into_id or candidate.right.merged_into_id
            )
        return candidate

    def get_urls(self):
        merge_url = path(
            "<path:object_id>/merge/",
            self.admin_site.admin_view(
                lambda request, object_id: merge_view(self, request, object_id)
            ),
            name="prisoners_duplicatecandidate_merge",
        )
        return [merge_url, *super().get_urls()]

    def _decide(self, request, queryset, decision):
        undecided = list(queryset.exclude(decision=decision))
        for candidate in undecided:
            candidate.decision = decision
            candidate.decided_by, candidate.decided_at = request.user, timezone.now()
            stamp(candidate, request.user, f"Decided from the list: {decision.value}.").save()
        return undecided

    @admin.action(description=_("Different people (never proposed again)"), permissions=["decide"])
    def mark_different(self, request, queryset):
        count = len(self._decide(request, queryset, Decision.DIFFERENT))
        self.message_user(
            request,
            ngettext(
                "%(count)d pair marked as different people.",
                "%(count)d pairs marked as different people.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Decide later"), permissions=["decide"])
    def mark_later(self, request, queryset):
        count = len(self._decide(request, queryset, Decision.LATER))
        self.message_user(
            request,
            ngettext("%(count)d pair left for later.", "%(count)d pairs left for later.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def has_decide_permission(self, request):
        return request.user.has_perm(DECIDE)


# Merging -------------------------------------------------------------------------------------


def _value_text(person, fields, restricted_shown):
    values = [getattr(person, name) for name in fields]
    if fields == ("birth_year", "birth_month", "birth_day"):
        if not restricted_shown:  # month and day are restricted
            return str(person.birth_year or "–")
        return person.birth_date_display or "–"
    field = Prisoner._meta.get_field(fields[0])
    if field.choices:
        return getattr(person, f"get_{fields[0]}_display")() or "–"
    if isinstance(values[0], bool):
        return gettext("yes") if values[0] else gettext("no")
    return str(values[0]) if values[0] not in (None, "") else "–"


class MergeForm(forms.Form):
    """Which record survives, and, for each field on which they differ, whose value it keeps."""

    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=300,
        help_text=_("Optional. Kept with the merge and in both records' history."),
    )

    def __init__(self, *args, left, right, restricted_shown, **kwargs):
        super().__init__(*args, **kwargs)
        self.left, self.right = left, right
        sides = [("left", str(left)), ("right", str(right))]
        self.fields["survivor"] = forms.ChoiceField(
            label=_("Record that remains"),
            choices=sides,
            initial="left",
            widget=forms.RadioSelect,
            help_text=_(
                "The other record is kept, unpublished, and its public ID leads to this one."
            ),
        )
        self.choices = []
        for choice in differing(left, right):
            if choice in RESTRICTED_CHOICES and not restricted_shown:
                continue
            fields = dict(CHOSEN)[choice]
            label = Prisoner._meta.get_field(fields[0]).verbose_name
            if choice == "birth":
                label = gettext("birth date")
            self.fields[f"take_{choice}"] = forms.ChoiceField(
                label=label,
                choices=[
                    ("left", _value_text(left, fields, restricted_shown)),
                    ("right", _value_text(right, fields, restricted_shown)),
                ],
                required=False,
                widget=forms.RadioSelect,
                help_text=_("Left unchosen: the value of the record that remains."),
            )
            self.choices.append(choice)
        self.order_fields(["survivor", *(f"take_{c}" for c in self.choices), "reason"])

    def merge_arguments(self):
        """(survivor, absorbed, choices taken from the absorbed record)."""
        data = self.cleaned_data
        survivor_side = data["survivor"]
        survivor, absorbed = (
            (self.left, self.right) if survivor_side == "left" else (self.right, self.left)
        )
        take = [c for c in self.choices if data[f"take_{c}"] not in ("", survivor_side)]
        return survivor, absorbed, take


def merge_view(model_admin, request, object_id):
    candidate = model_admin.get_object(request, object_id)
    if candidate is None:
        raise Http404
    if not (request.user.has_perm(MERGE) and request.user.has_perm(DECIDE)):
        raise PermissionDenied
    if candidate.decision == Decision.DIFFERENT:
        # Decided as two people: change the decision first, on the pair's page.
        raise PermissionDenied
    restricted_shown = can_see_restricted(request.user)
    candidate.may_merge = False  # this is the merge page: no button to it
    form = MergeForm(
        request.POST or None,
        left=candidate.left,
        right=candidate.right,
        restricted_shown=restricted_shown,
    )
    if request.method == "POST" and form.is_valid():
        survivor, absorbed, take = form.merge_arguments()
        try:
            record = merging.merge(
                survivor,
                absorbed,
                take=take,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except IntegrityError:
            form.add_error(None, SAME_FACT_TWICE)
        else:
            if record.held:
                model_admin.message_user(
                    request,
                    gettext(
                        "%(absorbed)s is a draft: nothing of it was added to %(survivor)s, which "
                        "is published. It waits on this page until someone who may publish "
                        "people reviews it and publishes it into %(survivor)s, or undoes the "
                        "merge."
                    )
                    % {"absorbed": absorbed, "survivor": survivor},
                    messages.WARNING,
                )
                return redirect("admin:prisoners_personmerge_change", record.pk)
            model_admin.message_user(
                request,
                gettext(
                    "%(absorbed)s was merged into %(survivor)s. The merge can be undone from "
                    "the list of merges."
                )
                % {"absorbed": absorbed, "survivor": survivor},
                messages.SUCCESS,
            )
            return redirect("admin:prisoners_prisoner_change", survivor.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": gettext("Merge two records of one person"),
        "opts": model_admin.model._meta,
        "candidate": candidate,
        "form": form,
        "comparison": model_admin.comparison(candidate),
    }
    return TemplateResponse(request, "admin/registry/merge.html", context)


@admin.register(PersonMerge)
class PersonMergeAdmin(admin.ModelAdmin):
    """The merges, newest first; a merge is undone from its page."""

    list_display = ["__str__", "held", "merged_by", "merged_at", "undone_at"]
    list_filter = ["held"]
    list_select_related = ["survivor", "merged_by"]
    fields = [
        "survivor",
        "absorbed",
        "reason",
        "merged_by",
        "merged_at",
        "held",
        "reviewed_by",
        "reviewed_at",
        "undone_by",
        "undone_at",
    ]
    readonly_fields = fields
    change_form_template = "admin/registry/merge_change_form.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        undo_url = path(
            "<path:object_id>/undo/",
            self.admin_site.admin_view(self.undo_view),
            name="prisoners_personmerge_undo",
        )
        apply_url = path(
            "<path:object_id>/publish/",
            self.admin_site.admin_view(self.apply_view),
            name="prisoners_personmerge_apply",
        )
        return [undo_url, apply_url, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "may_undo": request.user.has_perm(MERGE),
            "may_apply": request.user.has_perm(PUBLISH_PEOPLE),
            "held_material": merging.held_material(record) if record and record.held else [],
            "draft_link": record
            and format_html(
                '<a href="{}">{}</a>',
                reverse("admin:prisoners_prisoner_change", args=[record.absorbed_id]),
                record.absorbed,
            ),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def apply_view(self, request, object_id):
        """Publish a held draft into its survivor: the merge happens now."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm(PUBLISH_PEOPLE):
            raise PermissionDenied
        record = self.get_object(request, object_id)
        if record is None:
            raise Http404
        try:
            merging.apply_held(record, user=request.user)
        except ValidationError as refused:
            self.message_user(request, " ".join(refused.messages), messages.ERROR)
            return redirect("admin:prisoners_personmerge_change", record.pk)
        except IntegrityError:
            self.message_user(request, str(SAME_FACT_TWICE), messages.ERROR)
            return redirect("admin:prisoners_personmerge_change", record.pk)
        self.message_user(
            request,
            gettext(
                "%(absorbed)s was merged into %(survivor)s, and what it held is now published "
                "with it. The merge can be undone from the list of merges."
            )
            % {"absorbed": record.absorbed, "survivor": record.survivor},
            messages.SUCCESS,
        )
        return redirect("admin:prisoners_prisoner_change", record.survivor_id)

    def undo_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm(MERGE):
            raise PermissionDenied
        record = self.get_object(request, object_id)
        if record is None:
            raise Http404
        try:
            merging.undo(record, user=request.user)
        except (ValidationError, IntegrityError) as refused:
            text = (
                " ".join(refused.messages)
                if isinstance(refused, ValidationError)
                else str(merging.STRANDED)
            )
            self.message_user(request, text, messages.ERROR)
            return redirect("admin:prisoners_personmerge_change", record.pk)
        self.message_user(
            request,
            gettext("The merge was undone: both records are as they were before it."),
            messages.SUCCESS,
        )
        return redirect("admin:prisoners_prisoner_change", record.absorbed_id)
