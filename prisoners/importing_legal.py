"""The legal record of an imported row: its detention's charges, articles, custody and sentence,
the person's identifiers in other lists, and their sources.

``prisoners.importing`` runs the import; this module reads these columns into a row's values
(``row_values``), checks what needs the database (``LegalPlan``: article keys, places,
identifiers, addresses of sources), says what a row would change (``changes``) and writes it:
through the models, with history, for people who change (``write_for``), and in bulk for new
people (``write_new``).
"""

from collections import defaultdict

from django.apps import apps
from django.db.models import F
from django.utils.translation import gettext, ngettext

from registry.core.bulk import insert_rows
from registry.core.history import stamp
from registry.core.spreadsheets.reports import Problem, chunks

from .legal import Article, Charge, ExternalId, Place, Sentence, Transfer, article_key
from .models import Organisation, Prisoner, Recognition, Source

# The columns about the row's detention, in the order the spreadsheet has them.
DETENTION_COLUMNS = (
    "detained_on",
    "place",
    "charges",
    "articles",
    "facility",
    "custody_place",
    "custody_since",
    "sentenced_on",
    "sentence",
    "sentence_months",
    "sentence_kind",
    "sentence_regime",
    "in_absentia",
    "detention_keep_internal",
)
# What "detention_keep_internal" may name: the detention's facts, and its sentence.
DETENTION_KEEP_INTERNAL = ("place", "charges", "sentence", "facility")
# column: (part of the row's detention, field)
_DETENTION = {
    "place": ("detention", "place"),
    "charges": ("detention", "charges_text"),
    "facility": ("detention", "facility"),
    "sentence": ("sentence", "as_stated"),
    "sentence_months": ("sentence", "term_months"),
    "sentence_kind": ("sentence", "kind"),
    "sentence_regime": ("sentence", "regime"),
    "in_absentia": ("sentence", "in_absentia"),
}
# Detention fields by the column that holds them, where the two differ.
DETENTION_COLUMN_OF = {
    "charges_text": "charges",
    "internal_fields": "detention_keep_internal",
    "detained_on_precision": "detained_on",
}
SENTENCE_COLUMN_OF = {
    "as_stated": "sentence",
    "term_months": "sentence_months",
    "kind": "sentence_kind",
    "regime": "sentence_regime",
    "verdict_on": "sentenced_on",
    "verdict_on_precision": "sentenced_on",
    "keeps_internal": "detention_keep_internal",
}


def row_values(cleaned, person_field):
    """The values of a row's cleaned cells: the person's fields (``person_field`` names the
    field of a column where they differ), and under "detention" what the row says about its
    detention, its sentence ("sentence"), its articles and custody."""
    values, detention = {}, {}
    for column, value in cleaned.items():
        if column == "detained_on":
            if value is not None:
                detention["detained_on"], detention["detained_on_precision"] = value
            else:
                detention["detained_on"] = None
        elif column in _DETENTION:
            part, name = _DETENTION[column]
            (detention if part == "detention" else detention.setdefault("sentence", {}))[name] = (
                value
            )
        elif column == "sentenced_on":
            sentence = detention.setdefault("sentence", {})
            if value is None:
                sentence["verdict_on"] = None
            else:
                sentence["verdict_on"], sentence["verdict_on_precision"] = value
        elif column == "detention_keep_internal":
            detention["internal_fields"] = [name for name in value if name != "sentence"]
            detention.setdefault("sentence", {})["keeps_internal"] = "sentence" in value
        elif column == "articles":
            detention["articles"] = value
        elif column == "custody_place":
            detention.setdefault("custody", {})["place"] = value
        elif column == "custody_since":
            detention.setdefault("custody", {})["since"] = value
        elif column == "id":
            values["public_id"] = value
        elif column == "birth_date":
            values["birth"] = value
        else:
            values[person_field.get(column, column)] = value
    if detention:
        values["detention"] = detention
    return values


def _says_something(values):
    """Whether a row's values say anything besides empty cells and default precisions."""
    return any(value not in (None, "", False, [], "day") for value in values.values())


def _filled(detention):
    """The columns that say something about the detention, besides its date."""
    filled = []
    for name, value in detention.items():
        if name in ("detained_on", "detained_on_precision"):
            continue
        if isinstance(value, dict):
            filled += [k for k, v in value.items() if v not in (None, "", [], False, "day")]
        elif value not in (None, "", []):
            filled.append(name)
    return filled


def check_detention_columns(number, values, cleaned, raw, problems):
    """A row about a detention needs its date; a verdict cannot precede the detention."""
    detention = values.get("detention")
    if detention is None:
        return
    filled = _filled(detention)
    if not filled:
        if detention.get("detained_on") is None:
            del values["detention"]
        return
    if detention.get("detained_on") is None:
        first = filled[0]
        first = DETENTION_COLUMN_OF.get(first, SENTENCE_COLUMN_OF.get(first, first))
        if "detained_on" in cleaned or "detained_on" not in raw:
            problems.append(
                Problem(
                    number,
                    "detained_on",
                    gettext(
                        # Translators: %(column)s is a column's header, e.g. "charges".
                        'The detention date is needed when "%(column)s" is filled in: it tells '
                        "which detention the row is about."
                    )
                    % {"column": first},
                )
            )
        return
    verdict = detention.get("sentence", {}).get("verdict_on")
    if verdict and verdict < detention["detained_on"]:
        problems.append(
            Problem(
                number,
                "sentenced_on",
                gettext(
                    "The verdict (%(verdict)s) cannot come before the detention (%(detained)s)."
                )
                % {
                    "verdict": f"{verdict:%d.%m.%Y}",
                    "detained": f"{detention['detained_on']:%d.%m.%Y}",
                },
            )
        )


class LegalPlan:
    """What the rows' legal columns refer to in the registry, read a few queries at a time:
    article keys, places, identifiers in other lists, sources by address."""

    def __init__(self, rows, problems):
        keys, place_refs, ids, urls, slugs = set(), set(), set(), set(), set()
        for row in rows:
            detention = row.values.get("detention") or {}
            keys.update(detention.get("articles") or ())
            if (detention.get("custody") or {}).get("place"):
                place_refs.add(detention["custody"]["place"])
            ids.update(row.values.get("external_ids") or ())
            urls.update(row.values.get("source_urls") or ())
            slugs.update(item[0] for item in row.values.get("recognitions") or ())
        self.articles = {a.key: a for a in Article.objects.filter(key__in=keys)}
        self.places = self._places(place_refs)
        self.owners = {}  # (scheme, value): prisoner id
        for chunk in chunks(ids):
            for scheme, value, owner in ExternalId.objects.filter(
                scheme__in={s for s, _ in chunk}, value__in={v for _, v in chunk}
            ).values_list("scheme", "value", "prisoner_id"):
                self.owners[(scheme, value)] = owner
        self.organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
        self.sources = {}
        for chunk in chunks(urls):
            for source in Source.objects.filter(url__in=chunk).order_by("id"):
                self.sources.setdefault(source.url, source)
        for row in rows:
            self._check(row, problems)

    @staticmethod
    def _places(refs):
        """{reference: place or None (unknown) or a list (a name several places have)}."""
        found = {}
        by_id = {p.public_id: p for p in Place.objects.filter(public_id__in=refs)}
        names = {ref.casefold() for ref in refs if ref not in by_id}
        by_name = defaultdict(list)
        if names:
            for place in Place.objects.prefetch_related("other_names"):
                for name in [place.name, *(n.name for n in place.other_names.all())]:
                    if name.casefold() in names and place not in by_name[name.casefold()]:
                        by_name[name.casefold()].append(place)
        for ref in refs:
            if ref in by_id:
                found[ref] = by_id[ref]
            else:
                matches = by_name.get(ref.casefold(), [])
                found[ref] = matches[0] if len(matches) == 1 else (matches or None)
        return found

    def _check(self, row, problems):
        unknown = sorted(
            {item[0] for item in row.values.get("recognitions") or ()} - set(self.organisations)
        )
        if unknown:
            problems.append(
                Problem(
                    row.number,
                    "recognitions",
                    ngettext(
                        # Translators: %(names)s lists organisations' short names, e.g. viasna.
                        "No organisation has the short name %(names)s. Write it as the "
                        "Organisations list in the admin shows it, or add the organisation there "
                        "first.",
                        "No organisation has the short names %(names)s. Write them as the "
                        "Organisations list in the admin shows them, or add the organisations "
                        "there first.",
                        len(unknown),
                    )
                    % {"names": ", ".join(unknown)},
                )
            )
        detention = row.values.get("detention") or {}
        unknown = [key for key in detention.get("articles") or () if key not in self.articles]
        if unknown:
            problems.append(
                Problem(
                    row.number,
                    "articles",
                    ngettext(
                        # Translators: %(keys)s lists article keys, e.g. BY-CC-342-2. English says
                        # "the key" even for several.
                        "No article has the key %(keys)s. Write keys as the Articles list in the "
                        "admin shows them, or add the article there first.",
                        "No article has the key %(keys)s. Write keys as the Articles list in the "
                        "admin shows them, or add the article there first.",
                        len(unknown),
                    )
                    % {"keys": ", ".join(unknown)},
                )
            )
        ref = (detention.get("custody") or {}).get("place")
        if ref:
            place = self.places.get(ref)
            if place is None:
                problems.append(
                    Problem(
                        row.number,
                        "custody_place",
                        gettext(
                            'No place of detention is called "%(value)s" or has that id. Use the '
                            "id or the name the Places list in the admin shows, or add the place "
                            "there."
                        )
                        % {"value": ref},
                    )
                )
            elif isinstance(place, list):
                problems.append(
                    Problem(
                        row.number,
                        "custody_place",
                        gettext(
                            # Translators: %(ids)s lists the places' ids.
                            'Several places are called "%(value)s": give the id of the one you '
                            "mean (%(ids)s)."
                        )
                        % {"value": ref, "ids": ", ".join(p.public_id for p in place)},
                    )
                )

    def matched_by_ids(self, row):
        """The people the row's identifiers in other lists belong to."""
        return {
            self.owners[item]
            for item in row.values.get("external_ids") or ()
            if item in self.owners
        }

    def check_ids(self, row, prisoner, problems):
        """Identifiers that belong to someone else than the row's person."""
        for scheme, value in row.values.get("external_ids") or ():
            owner = self.owners.get((scheme, value))
            if owner is not None and (prisoner is None or owner != prisoner.pk):
                problems.append(
                    Problem(
                        row.number,
                        "external_ids",
                        # Translators: %(value)s is an identifier in another list, e.g.
                        # viasna:1234.
                        gettext('"%(value)s" is the identifier of another person in the registry.')
                        % {"value": f"{scheme}:{value}"},
                    )
                )

    def place(self, detention_values):
        ref = (detention_values.get("custody") or {}).get("place")
        return self.places.get(ref) if ref else None


# --- what is stored ------------------------------------------------------------------------


class Stored:
    """The legal records of the matched people, a few queries per chunk of people."""

    def __init__(self, prisoners):
        self.charges = defaultdict(list)  # detention id: charges
        self.sentences = defaultdict(list)  # detention id: sentences, oldest verdict first
        self.transfers = defaultdict(list)  # detention id: transfers, in order
        self.external_ids = defaultdict(list)  # prisoner id: identifiers
        self.source_urls = defaultdict(set)  # prisoner id: addresses of public sources
        self.recognitions = defaultdict(set)  # prisoner id: (slug, decision, date, precision)
        pks = [p.pk for p in prisoners]
        through = Prisoner.sources.through
        for chunk in chunks(pks):
            for charge in Charge.objects.filter(prisoner_id__in=chunk).select_related("article"):
                self.charges[charge.detention_id].append(charge)
            for sentence in Sentence.objects.filter(prisoner_id__in=chunk).order_by(
                F("verdict_on").asc(nulls_first=True), "id"
            ):
                self.sentences[sentence.detention_id].append(sentence)
            for transfer in (
                Transfer.objects.filter(prisoner_id__in=chunk)
                .select_related("place")
                .order_by(F("moved_on").asc(nulls_first=True), "id")
            ):
                self.transfers[transfer.detention_id].append(transfer)
            for identifier in ExternalId.objects.filter(prisoner_id__in=chunk):
                self.external_ids[identifier.prisoner_id].append(identifier)
            for prisoner_id, *decision in Recognition.objects.filter(
                prisoner_id__in=chunk
            ).values_list(
                "prisoner_id",
                "organisation__slug",
                "decision",
                "decided_on",
                "decided_on_precision",
            ):
                self.recognitions[prisoner_id].add(tuple(decision))
            for prisoner_id, url in (
                through.objects.filter(prisoner_id__in=chunk, source__is_confidential=False)
                .exclude(source__url="")
                .values_list("prisoner_id", "source__url")
            ):
                self.source_urls[prisoner_id].add(url)

    def article_keys(self, detention):
        return sorted({c.article.key for c in self.charges.get(detention.pk, []) if c.article_id})

    def sentence(self, detention):
        sentences = self.sentences.get(detention.pk, [])
        return sentences[-1] if sentences else None

    def custody(self, detention):
        transfers = self.transfers.get(detention.pk, [])
        return transfers[-1] if transfers else None


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple | set):
        return "; ".join(str(item) for item in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def planned_keys(reader, detention_values, stored_detention, stored):
    """The article keys the row's detention will name once imported."""
    text = detention_values.get(
        "charges_text", stored_detention.charges_text if stored_detention else ""
    )
    keys = {article_key(*key) for key, _, _ in reader.planned(text) if key}
    if stored_detention is not None:
        keys |= {
            c.article.key
            for c in stored.charges.get(stored_detention.pk, [])
            if c.article_id and not c.parsed
        }
    return sorted(keys | set(detention_values.get("articles") or ()))


def changes(prisoner, values, detention, stored, plan, reader):
    """What the row's legal columns would change: {column: (old, new)} as text. ``detention``
    is the stored detention the row names (None: a new one)."""
    found = {}
    if "external_ids" in values:
        old = sorted(f"{e.scheme}:{e.value}" for e in stored.external_ids.get(prisoner.pk, []))
        new = sorted(f"{s}:{v}" for s, v in values["external_ids"])
        if old != new:
            found["external_ids"] = (_text(old), _text(new))
    added = _new_recognitions(prisoner, values, stored)
    if added:
        old = sorted(stored.recognitions.get(prisoner.pk, set()))
        found["recognitions"] = (_recognitions_text(old), _recognitions_text(old + added))
    if "source_urls" in values:
        old = sorted(stored.source_urls.get(prisoner.pk, set()))
        if old != sorted(values["source_urls"]):
            found["source_urls"] = (_text(old), _text(sorted(values["source_urls"])))
    detention_values = values.get("detention")
    if not detention_values:
        return found
    if "articles" in detention_values or "charges_text" in detention_values:
        old = stored.article_keys(detention) if detention else []
        new = planned_keys(reader, detention_values, detention, stored)
        if old != new:
            found["articles"] = (_text(old), _text(new))
    sentence_values = detention_values.get("sentence") or {}
    sentence = stored.sentence(detention) if detention else None
    if sentence is None and not _says_something(sentence_values):
        sentence_values = {}
    for name, value in sentence_values.items():
        if name == "keeps_internal":
            old = sentence is not None and "sentence" in (sentence.internal_fields or [])
        else:
            old = getattr(sentence, name) if sentence is not None else None
        if (old or None) != (value or None):
            found.setdefault(SENTENCE_COLUMN_OF.get(name, name), (_text(old), _text(value)))
    custody = detention_values.get("custody") or {}
    place = plan.place(detention_values)
    if place is not None and not isinstance(place, list):
        current = stored.custody(detention) if detention else None
        since = custody.get("since") or (None, "day")
        if current is None or current.place_id != place.pk:
            found["custody_place"] = (
                current.place.public_id if current else "",
                place.public_id,
            )
            if since[0]:
                found["custody_since"] = ("", _text(since[0]))
    return found


def _new_recognitions(prisoner, values, stored):
    """The row's decisions that the person's record lacks (an import only adds them)."""
    have = stored.recognitions.get(prisoner.pk, set())
    return [item for item in values.get("recognitions") or () if item not in have]


def _recognitions_text(items):
    return "; ".join(f"{slug}:{decision}:{_text(day)}" for slug, decision, day, _precision in items)


def _write_recognitions(prisoner_id, items, plan, user, reason):
    """Record decisions as drafts, through the model (history, and the next decision's date)."""
    for slug, decision, day, precision in items:
        recognition = Recognition(
            prisoner_id=prisoner_id,
            organisation=plan.organisations[slug],
            decision=decision,
            decided_on=day,
            decided_on_precision=precision,
            is_published=False,
        )
        stamp(recognition, user, reason).save()


# --- writing, one person at a time ---------------------------------------------------------


def write_for(prisoner, detention, detention_values, values, stored, plan, reader, user, reason):
    """Apply a row's legal columns to an existing person (``detention``: the row's detention,
    saved already), through the models so that history follows."""
    if "external_ids" in values:
        old = {(e.scheme, e.value): e for e in stored.external_ids.get(prisoner.pk, [])}
        new = set(values["external_ids"])
        for key, identifier in old.items():
            if key not in new:
                stamp(identifier, user, reason).delete()
        for scheme, value in values["external_ids"]:
            if (scheme, value) not in old:
                stamp(
                    ExternalId(prisoner=prisoner, scheme=scheme, value=value), user, reason
                ).save()
    if "source_urls" in values:
        _set_sources(prisoner, values["source_urls"], stored, plan, user, reason)
    _write_recognitions(
        prisoner.pk, _new_recognitions(prisoner, values, stored), plan, user, reason
    )
    if detention is None:
        return
    if "charges_text" in detention_values or detention_values.get("_new"):
        reader.read(detention)
    present = {c.article_id for c in detention.charges.all() if c.article_id}
    for key in detention_values.get("articles") or ():
        article = plan.articles[key]
        if article.pk not in present:
            charge = Charge(prisoner=prisoner, detention=detention, article=article)
            stamp(charge, user, reason).save()
            present.add(article.pk)
    sentence_values = detention_values.get("sentence") or {}
    if _says_something(sentence_values) or stored.sentence(detention) is not None:
        sentence = stored.sentence(detention) or Sentence(prisoner=prisoner, detention=detention)
        changed = sentence.pk is None
        for name, value in sentence_values.items():
            if name == "keeps_internal":
                internal = [f for f in sentence.internal_fields or [] if f != "sentence"]
                value = internal + (["sentence"] if value else [])
                name = "internal_fields"
            if name == "kind" and not value:
                continue  # an empty kind leaves the sentence's kind as it is
            if getattr(sentence, name) != value:
                setattr(sentence, name, value)
                changed = True
        if changed:
            stamp(sentence, user, reason).save()
    place = plan.place(detention_values)
    if place is not None and not isinstance(place, list):
        current = stored.custody(detention)
        if current is None or current.place_id != place.pk:
            since = (detention_values.get("custody") or {}).get("since") or (None, "day")
            transfer = Transfer(
                prisoner=prisoner,
                detention=detention,
                place=place,
                moved_on=since[0],
                moved_on_precision=since[1],
            )
            stamp(transfer, user, reason).save()


def _source_for(url, plan, user, reason):
    source = plan.sources.get(url)
    if source is None:
        source = stamp(Source(url=url, title=url[:300]), user, reason)
        source.save()
        plan.sources[url] = source
    return source


def _set_sources(prisoner, urls, stored, plan, user, reason):
    """The person's public sources with an address become those of ``urls``; confidential
    sources and sources without an address are left alone."""
    old = stored.source_urls.get(prisoner.pk, set())
    if set(urls) == old:
        return
    through = Prisoner.sources.through
    removed = [url for url in old if url not in urls]
    if removed:
        through.objects.filter(
            prisoner_id=prisoner.pk, source__url__in=removed, source__is_confidential=False
        ).delete()
    for url in urls:
        if url not in old:
            through.objects.get_or_create(
                prisoner_id=prisoner.pk, source=_source_for(url, plan, user, reason)
            )
    # Saved again, so that its history records the new list of sources.
    stamp(prisoner, user, reason).save()


# --- writing new people in bulk ------------------------------------------------------------


def _history(model, rows, history_row):
    insert_rows(model.history.model, [{**row, **history_row} for row in rows])


def _inserted(model, rows, history_row):
    for row, pk in zip(rows, insert_rows(model, rows, return_ids=True), strict=True):
        row["id"] = pk
    _history(model, rows, history_row)


def write_new(entries, plan, reader, history_row, user, reason):
    """Write the legal records of new people: ``entries`` are (row values, prisoner id,
    detention id or None, history id of the person's first version)."""
    charges, sentences, transfers, identifiers, links = [], [], [], [], []
    for values, prisoner_id, detention_id, history_id in entries:
        # Few rows carry decisions: written through the model, as drafts.
        _write_recognitions(prisoner_id, values.get("recognitions") or (), plan, user, reason)
        for scheme, value in values.get("external_ids") or ():
            identifiers.append({"prisoner_id": prisoner_id, "scheme": scheme, "value": value})
        for url in values.get("source_urls") or ():
            source = _source_for(url, plan, user, reason)
            links.append(
                {"prisoner_id": prisoner_id, "source_id": source.pk, "history_id": history_id}
            )
        detention = values.get("detention")
        if not detention or detention_id is None:
            continue
        owned = {"prisoner_id": prisoner_id, "detention_id": detention_id}
        named = set()
        for key, text, match in reader.planned(detention.get("charges_text", "")):
            article = reader.article(key) if key else None
            if article is not None:
                named.add(article.pk)
            charges.append(
                {
                    **owned,
                    "article_id": article.pk if article else None,
                    "text": text[: Charge._meta.get_field("text").max_length],
                    "match": match,
                    "parsed": True,
                }
            )
        for key in detention.get("articles") or ():
            article = plan.articles[key]
            if article.pk not in named:
                named.add(article.pk)
                charges.append({**owned, "article_id": article.pk, "match": "matched"})
        sentence = detention.get("sentence") or {}
        if _says_something(sentence):
            fields = {k: v for k, v in sentence.items() if k != "keeps_internal"}
            if not fields.get("kind"):
                fields.pop("kind", None)  # the model's default: imprisonment
            fields["internal_fields"] = ["sentence"] if sentence.get("keeps_internal") else []
            sentences.append({**owned, **fields})
        place = plan.place(detention)
        if place is not None and not isinstance(place, list):
            since = (detention.get("custody") or {}).get("since") or (None, "day")
            transfers.append(
                {
                    **owned,
                    "place_id": place.pk,
                    "moved_on": since[0],
                    "moved_on_precision": since[1],
                }
            )
    for model, rows in (
        (Charge, charges),
        (Sentence, sentences),
        (Transfer, transfers),
        (ExternalId, identifiers),
    ):
        _inserted(model, rows, history_row)
    through = Prisoner.sources.through
    link_ids = insert_rows(
        through,
        [{"prisoner_id": link["prisoner_id"], "source_id": link["source_id"]} for link in links],
        return_ids=True,
    )
    insert_rows(
        apps.get_model("prisoners", "HistoricalPrisoner_sources"),
        [{**link, "id": link_id} for link, link_id in zip(links, link_ids, strict=True)],
    )
