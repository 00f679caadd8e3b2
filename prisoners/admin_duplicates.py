"""The review of probable duplicates: a queue ranked by score, each pair side by side with the
reasons, and the reviewer's decision. Editors see the queue and flag pairs nothing proposed."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from registry.core.admin import RegistryAdmin
from registry.core.admin.forms import RegistryForm
from registry.core.history import stamp
from registry.core.permissions import can_see_restricted

from . import linkage
from .duplicates import Decision, DuplicateCandidate, facts_of, reason_text

DECIDE = "prisoners.decide_duplicatecandidate"


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
        return format_html('<table class="duplicate-comparison">{}</table>', body)

    def get_object(self, request, object_id, from_field=None):
        candidate = super().get_object(request, object_id, from_field)
        if candidate is not None:
            # The comparison shows full birth dates only to staff who may see them.
            candidate.restricted_shown = can_see_restricted(request.user)
        return candidate

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
