"""The demonstration data: real, published facts about US-brokered releases from Belarus, and the
legal story of the people those reports name (detentions, charges, courts, sentences, places of
detention, releases).

Only facts that a named source states are here; nothing is invented. Where the title of a report is
not known, the title is a description in square brackets. Where sources disagree (how many were
taken to Lithuania on 13 Dec 2025, a sentence's regime, a verdict date), both versions are kept:
as two figures, each with its source, or as the better-sourced one in a field with the other in the
words the record keeps as stated (``regime_as_stated``, ``as_stated``, a release's notes).

Some facts are left out on purpose: a mirror or a wiki copy is their only source (Babaryka's
initial case under Article 285, Zolatava's detention in 2018, Znak's cell-type room), or their
date cannot be stored truthfully (a move between places whose date no source gives; the
detention's ``facility`` keeps the whole sequence as the sources tell it).

``releases.services.load_demo`` writes these records; running it again changes nothing.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

SEED_ARTICLE = "seed-article"
KYIV_INDEPENDENT_POST = "kyiv-independent-2025-12-13"
HRW = "hrw-2025-12-15"
BABEL_FEB = "babel-115368"
PRAVDA_APR = "pravda-7509972"
MENAFN_JUN = "menafn-1109705918"
BALTIC_TIMES_JUN = "baltictimes-2025-06"
KYIV_INDEPENDENT_SEP = "kyiv-independent-2025-09"
NEWSER_SEP = "newser-375049"
BABEL_NOV = "babel-123245"
REFORM_MAR = "reform-news-250"
NARODNODELO_MAR = "narodnodelo-155657"


# Sources of the legal record, by person. A publisher "X (Y)" is site X republishing Y's report.
# Ales Bialiatski, 2011-2014
UDF_2014 = "udf-104526"
BELSAT_7229 = "belsat-7229"
BELSAT_20460 = "belsat-20460"
RMF24_2011 = "rmf24-388316"
EURORADIO_RELEASED = "euroradio-bialiatski-released"
EURORADIO_TRIAL = "euroradio-70279"
EURORADIO_AMBULANCE = "euroradio-ambulance"
CIWR_2011 = "ciwr-2011-11-24"
DZIENNIK_2014 = "dziennik-462512"
FREEALES_CONDITIONS = "freeales-conditions"
FREEALES_2012 = "freeales-2012-08"
VIASNA_50540 = "viasna-50540"
VIASNA_52143 = "viasna-52143"
CHARTER97_2012 = "charter97-59822"
AMNESTY_2014 = "amnesty-eur-49-008-2014"
NWAONLINE_2014 = "nwaonline-2014-06-22"
# Ales Bialiatski and Uladzimir Labkovich, 2021-2025 (the Viasna case)
AMNESTY_2021 = "amnesty-eur-49-4494-2021"
AMNESTY_USA_2021 = "amnesty-usa-ua-85-21"
OBSERVATORY_2023 = "observatory-2023-03-03"
RIGHT_LIVELIHOOD_2023 = "right-livelihood-2023-03-03"
VIASNA_DB_LABKOVICH = "viasna-db-labkovich"
FIDH_2023 = "fidh-2023-03-03"
FIDH_2024 = "fidh-2024-07-16"
YAHOO_2023 = "yahoo-2023-03-03"
CNN_2023 = "localnews8-cnn-2023-03-03"
POZIRK_70859 = "pozirk-70859"
VIASNA_113737 = "viasna-113737"
DZIENNIK_2023 = "dziennik-8708911"
PEFAFA_UPI = "pefafa-upi"
NKEU_LABKOVICH = "nkeu-2021-10-22"
LIBERECO = "libereco-labkovich"
NASHA_NIVA_319149 = "nn-319149"
CHARTER97_2025_EN = "charter97-666683"
CHARTER97_2025_RU = "charter97-666635"
CHASA_2025 = "24chasa-21949813"
# The release of 13 Dec 2025
KENTUCKY_INSIDER = "kentuckyinsider-123"
VICSUN = "vicsun-pardoned"
RFERL_GEORGIAN = "radiotavisupleba-33622375"
MEDUZA_2025 = "meduza-2025-12-15"
HUMANRIGHTS_ONLINE = "humanrights-online-released"
# Maria Kolesnikova and Maksim Znak
TVN24_2020 = "tvn24-4695789"
BELSAT_PL_2021 = "belsat-pl-2021-11-14"
BHC_2020 = "belhelcom-2020-09-11"
AMNESTY_KALESNIKAVA_2020 = "newskitchen-amnesty-kalesnikava"
WYBORCZA_2020 = "wyborcza-26310705"
JURIST_2021 = "jurist-2021-09"
ANSA_2021 = "ansa-2021-09-06"
ZN_UA_APPEAL = "zn-ua-appeal-kolesnikova-znak"
RBC_2021 = "rbc-2021-09-06"
DW_TIME_NEWS = "time-news-dw-kolesnikova"
TVR_2021 = "tvr-2021-09-12"
FN_VOLGA = "fn-volga-170973"
NEWS_BY = "news-by-kolesnikova-znak"
DZIENNIK_2022 = "dziennik-8330715"
ZERKALO_2022 = "zerkalo-28857"
BELSAT_ZNAK = "belsat-znak-detained"
NATIONAL_POST_2020 = "nationalpost-2020-09-09"
LA_TIMES_2020 = "latimes-2020-09-09"
MANCHIKONI = "manchikoni-440554"
# Viktor Babaryka
NKEU_BABARYKA = "nkeu-2021-07-06"
BELSAT_EDUARD = "belsat-eduard-babaryka"
VIASNA_98021 = "viasna-98021"
VOICE_BABARYKA = "voiceofbelarus-babaryka"
GAZETA_PRAWNA = "gazetaprawna-8204322"
BB_LV_2024 = "bb-lv-2024-02-04"
ZN_UA_BABARYKA = "zn-ua-babaryka"
ALTUSINTEL = "altusintel-yy3j06"
PLUSKA = "pluska-babaryka"
BELSAT_TAG_PRISON = "belsat-tag-prison"
POZIRK_46636 = "pozirk-46636"
BELKORPUS = "belkorpus-258375"
# Maryna Zolatava
BAJ_2019 = "baj-2019-03-04"
BAJ_ZOLATAVA = "baj-maryna-zolatava"
UDF_NAME_TUTBY = "udf-name-229932"
BAJ_2023 = "baj-2023-03-17"
INTERFAX_2023 = "interfax-88821"
BABEL_2023 = "babel-91696"
PRESS_CLUB_2023 = "press-club-zolatava"
CPJ_2025 = "cpj-2025-12-zolatava"
RSF_2025 = "pubt-rsf-2025-12-13"
# Andrey Kuznechyk
VIASNA_DB_KUZNECHYK = "viasna-db-kuznechyk"
PARADISE_RFERL = "theparadise-rferl-kuznechyk"
EURORADIO_KUZNECHYK_BE = "euroradio-be-kuznechyk"
EURORADIO_KUZNECHYK_RU = "euroradio-ru-kuznechyk"
IPI_71441 = "ipi-71441"
BAJ_KUZNECHYK = "baj-kuznechyk"
TXTREPORT_2022 = "txtreport-2022-08-12"
VOA_SERBIAN = "voa-sr-6609813"
VOA_2025 = "voa-7972466"
MYNORTHWEST_2025 = "mynorthwest-2025-02-12"
# Youras Ziankovich
CNN_LONDONDAILY = "londondaily-cnn-ziankovich"
MOSCOW_TIMES_2024 = "moscowtimes-2024-12-14"
KRESY_2022 = "kresy-2022-09"
RFERL_AMN_2022 = "americanmilitarynews-rferl-2022-09"
RBC_2022 = "rbc-2022-09-05"
EURORADIO_2022 = "euroradio-2022-09-05"
RFERL_MIRROR_2025 = "rferl-mirror-33401476"
USLIVE_AP = "uslive-541760"
MOSCOW_TIMES_2025 = "moscowtimes-2025-05-01"
UPI_2025 = "upi-2025-05-01"
# Siarhei Tsikhanouski
VIASNA_115390 = "viasna-115390"
CSCE_TSIKHANOUSKI = "csce-tsikhanouski"
CHARTER97_2020 = "charter97-402492"
BELSAT_2021_TSIKHANOUSKI = "belsat-2021-12-14"
RFERL_2021 = "rferl-31607492"
NKEU_TSIKHANOUSKI = "nkeu-2021-12-14"
SILKWAY = "silkway-332959"
SEGODNYA_2021 = "segodnya-2021-12-14"
KRESY_2021 = "kresy-tsikhanouski-sentences"
RFERL_2022 = "rferl-31878851"
ITTA_2023 = "itta-interfax-2023-02-27"
MOTOLKO = "motolko-prison-regime"
CMIO_2023 = "cmio-ria-2023-01-16"
VOICE_TSIKHANOUSKI = "voiceofbelarus-tsikhanouski"
RUSSIANFREEPRESS_2023 = "russianfreepress-2023-01-16"
VIASNA_113225 = "viasna-113225"
TASS_2025 = "tass-1978425"
DEVDISCOURSE_2025 = "devdiscourse-3466651"
PRAVDA_JUN = "pravda-7518228"


@dataclass(frozen=True)
class SourceData:
    key: str
    title: str
    url: str = ""
    publisher: str = ""
    published_on: datetime.date | None = None
    language: str = "en"
    quote: str = ""


@dataclass(frozen=True)
class NegotiatorData:
    name: str
    role: str = ""
    country: str = ""


@dataclass(frozen=True)
class ConcessionData:
    description: str
    conceded_by: str = ""
    source: str = ""


@dataclass(frozen=True)
class FigureData:
    count: int
    destination: str = ""
    nationality: str = ""
    reported_by: str = ""
    source: str = ""


@dataclass(frozen=True)
class DealData:
    slug: str
    title: str
    announced_on: datetime.date
    announced_count: int
    summary: str
    parties: tuple[str, ...]
    sources: tuple[str, ...]
    announced_on_precision: str = "day"
    negotiators: tuple[NegotiatorData, ...] = ()
    concessions: tuple[ConcessionData, ...] = ()
    figures: tuple[FigureData, ...] = ()


@dataclass(frozen=True)
class NameData:
    name: str
    script: str = "Latn"
    language: str = ""
    kind: str = "transliteration"


@dataclass(frozen=True)
class ArticleData:
    """An article (and part) of the Criminal Code of Belarus, with its titles as sources give
    them: ((language, title), ...), one per language."""

    number: str
    part: str
    titles: tuple[tuple[str, str], ...]
    jurisdiction: str = "BY"
    code: str = "CC"


@dataclass(frozen=True)
class CourtData:
    key: str
    name: str
    locality: str = ""
    country: str = "BY"


@dataclass(frozen=True)
class PlaceNameData:
    name: str
    language: str = ""
    script: str = "Latn"


@dataclass(frozen=True)
class PlaceData:
    """A place of detention. The postal address stays empty: no source read gives one."""

    key: str
    kind: str
    name: str
    sources: tuple[str, ...]
    number: str = ""
    locality: str = ""
    region: str = ""
    country: str = "BY"
    other_names: tuple[PlaceNameData, ...] = ()
    is_published: bool = True


@dataclass(frozen=True)
class ChargeData:
    """A charge recorded by hand beside those read from the detention's charges as typed: one
    the text does not name, such as a charge replaced before the verdict."""

    number: str
    part: str
    text: str
    status: str = "brought"
    status_on: datetime.date | None = None


@dataclass(frozen=True)
class SentenceData:
    sources: tuple[str, ...]
    court: str = ""
    judge: str = ""
    verdict_on: datetime.date | None = None
    verdict_on_precision: str = "day"
    stage: str = "first_instance"
    kind: str = "imprisonment"
    term_months: int | None = None
    regime: str = ""
    regime_as_stated: str = ""
    fine_amount: Decimal | None = None
    fine_currency: str = ""
    appeal_outcome: str = ""
    as_stated: str = ""


@dataclass(frozen=True)
class TransferData:
    """Held at ``place`` from ``moved_on`` (None: from the start of the detention)."""

    place: str
    sources: tuple[str, ...]
    moved_on: datetime.date | None = None
    moved_on_precision: str = "day"
    notes: str = ""


@dataclass(frozen=True)
class DetentionData:
    detained_on: datetime.date
    sources: tuple[str, ...]
    detained_on_precision: str = "day"
    place: str = ""
    charges_text: str = ""
    facility: str = ""
    charges: tuple[ChargeData, ...] = ()
    sentences: tuple[SentenceData, ...] = ()
    transfers: tuple[TransferData, ...] = ()


@dataclass(frozen=True)
class ReleaseData:
    """A release, in a deal (its slug) or in none (""), ending the detention that began on
    ``ends_detention`` (None: no detention on record)."""

    deal: str
    released_on: datetime.date
    destination: str
    sources: tuple[str, ...]
    ends_detention: datetime.date | None = None
    released_on_precision: str = "day"
    legal_basis: str = "unknown"
    movement: str = "unknown"
    documents_withheld: bool | None = None
    conditions: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ExternalIdData:
    scheme: str
    value: str
    url: str = ""


@dataclass(frozen=True)
class OrganisationData:
    slug: str
    name: str
    website: str
    country: str = ""
    # ((language, name), ...)
    other_names: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RecognitionData:
    """An organisation's decision on the person, on a date, with the statement's source."""

    organisation: str
    decided_on: datetime.date
    sources: tuple[str, ...]
    decided_on_precision: str = "day"
    decision: str = "recognised"
    criteria: str = ""
    statement_url: str = ""


@dataclass(frozen=True)
class PersonData:
    display_name: str
    sources: tuple[str, ...]
    releases: tuple[ReleaseData, ...]
    other_names: tuple[NameData, ...] = ()
    nationalities: tuple[str, ...] = ()
    occupation: str = ""
    biography: str = ""
    detentions: tuple[DetentionData, ...] = ()
    # Sentences that end no detention on record (a fine).
    sentences: tuple[SentenceData, ...] = ()
    external_ids: tuple[ExternalIdData, ...] = ()
    recognitions: tuple[RecognitionData, ...] = ()

    def deal_slugs(self):
        return [release.deal for release in self.releases if release.deal]

    def cited(self):
        """Every source of the person's record, in order: the person is published citing them
        all, since the public reads the sources of a person, not of each detention."""
        keys = list(self.sources)
        for detention in self.detentions:
            keys += detention.sources
            for sentence in detention.sentences:
                keys += sentence.sources
            for transfer in detention.transfers:
                keys += transfer.sources
        for sentence in self.sentences:
            keys += sentence.sources
        for release in self.releases:
            keys += release.sources
        for recognition in self.recognitions:
            keys += recognition.sources
        return tuple(dict.fromkeys(keys))


def native(belarusian, russian):
    """A person's name in Belarusian and in Russian, both in Cyrillic."""
    return (
        NameData(belarusian, script="Cyrl", language="be", kind="native"),
        NameData(russian, script="Cyrl", language="ru", kind="native"),
    )


def years(count):
    """A term of ``count`` years (4.5 allowed), in months."""
    return round(count * 12)


def month_of(year, month):
    """A date known only to the month: the first day of that month."""
    return datetime.date(year, month, 1)


SOURCES = (
    SourceData(
        SEED_ARTICLE,
        "[Article: US lifts sanctions on Belarusian potash for the release of 123 political "
        "prisoners, quoting the Kyiv Independent]",
        quote="Ukraine’s military intelligence service HUR reported that 114 prisoners went to "
        "Ukraine while eight went to Lithuania.",
    ),
    SourceData(
        KYIV_INDEPENDENT_POST,
        "[The Kyiv Independent: the US lifts sanctions on Belarusian potash (post of 13 Dec 2025)]",
        url="https://t.co/0SMKkMnGZn",
        publisher="The Kyiv Independent",
        published_on=datetime.date(2025, 12, 13),
        quote="The U.S. is lifting sanctions on Belarusian potash, U.S. presidential envoy to "
        "Minsk John Cole said on Dec. 13 following a meeting with Belarusian leader Alexander "
        "Lukashenko, in exchange for the release of political prisoners in Belarus.",
    ),
    SourceData(
        HRW,
        "More than 1,000 Belarusians Remain in Prison for Exercising Their Rights",
        url="https://www.hrw.org/news/2025/12/15/"
        "more-than-1000-belarusians-remain-in-prison-for-exercising-their-rights",
        publisher="Human Rights Watch",
        published_on=datetime.date(2025, 12, 15),
        quote="a group of nine",
    ),
    SourceData(
        BABEL_FEB,
        "[Report: Belarus frees three prisoners, among them a US citizen and RFE/RL journalist "
        "Andrey Kuznechyk]",
        url="https://babel.ua/en/news/115368",
        publisher="Babel",
    ),
    SourceData(
        PRAVDA_APR,
        "[Report: Belarus frees US citizen Youras Ziankovich]",
        url="https://pravda.com.ua/eng/news/2025/04/30/7509972",
        publisher="Ukrainska Pravda",
        published_on=datetime.date(2025, 4, 30),
        quote="not a prisoner exchange",
    ),
    SourceData(
        MENAFN_JUN,
        "[Report: Belarus frees 14 prisoners, among them Siarhei Tsikhanouski]",
        url="https://menafn.com/1109705918",
        publisher="MENAFN",
    ),
    SourceData(
        BALTIC_TIMES_JUN,
        "[Report: Belarus frees 14 prisoners, among them Siarhei Tsikhanouski, after a visit of "
        "US envoy Keith Kellogg]",
        publisher="The Baltic Times",
    ),
    SourceData(
        KYIV_INDEPENDENT_SEP,
        "Belarus frees 52 prisoners after visit by US envoy",
        url="https://kyivindependent.com/belarus-frees-52-prisoners-after-visit-by-us-envoy",
        publisher="The Kyiv Independent",
    ),
    SourceData(
        NEWSER_SEP,
        "[Report: Belarus frees 52 prisoners as the US lifts sanctions on Belavia]",
        url="https://newser.com/story/375049",
        publisher="Newser",
    ),
    SourceData(
        BABEL_NOV,
        "[Report: Belarus frees 31 Ukrainian citizens]",
        url="https://babel.ua/en/news/123245",
        publisher="Babel",
        quote="following agreements between Trump and Lukashenko",
    ),
    SourceData(
        REFORM_MAR,
        "US secures release of 250 political prisoners",
        url="https://reform.news/en/us-secures-release-of-250-political-prisoners",
        publisher="Reform.news",
    ),
    SourceData(
        NARODNODELO_MAR,
        "[Report: the US secures the release of 250 political prisoners in Belarus]",
        url="https://narodnodelo.com/?p=155657",
        publisher="narodnodelo.com",
    ),
    # Ales Bialiatski, 2011-2014 ---------------------------------------------------------------
    SourceData(
        UDF_2014,
        "[Naviny.by: Bialiatski released under the amnesty law]",
        url="https://udf.by/english/main-story/104526-byalyatski-released-under-amnesty-law.html",
        publisher="udf.by (Naviny.by)",
    ),
    SourceData(
        BELSAT_7229,
        "[Belsat: Ales Bialiatski's detention and imprisonment, 2011-2014]",
        url="https://belsat.eu/en/news/7229/",
        publisher="Belsat",
        quote="high-security prison",
    ),
    SourceData(
        BELSAT_20460,
        "[Belsat: Ales Bialiatski released (2014)]",
        url="http://belsat.eu/en/news/20460/",
        publisher="Belsat",
        quote="medium security penal colony and seizure of property",
    ),
    SourceData(
        RMF24_2011,
        "[RMF24: 4.5 years in prison for Ales Bialiatski]",
        url="https://www.rmf24.pl/fakty/swiat/news-bialorus-4-5-roku-wiezienia-dla-alesia-"
        "bialackiego,nId,388316",
        publisher="RMF24",
        language="pl",
        quote="więzienie o zaostrzonym rygorze",
    ),
    SourceData(
        EURORADIO_RELEASED,
        "[Euroradio: Ales Bialiatski released]",
        url="https://euroradio.fm/en/ales-bialiatski-released-updated",
        publisher="Euroradio",
        quote="major tax evasion, article 243, part 2 of the Criminal Code",
    ),
    SourceData(
        EURORADIO_TRIAL,
        "[Euroradio: Ales Byalyatski's trial has started (online, photo)]",
        url="https://euroradio.fm/en/report/ales-byalyatski%E2%80%99s-trial-has-started-"
        "onlinephoto-70279",
        publisher="Euroradio",
    ),
    SourceData(
        EURORADIO_AMBULANCE,
        "[Euroradio: Bialiatski on his transport to the colony]",
        url="https://euroradio.by/en/bialiatski-ambulance-delivered-me-colony-railway-station",
        publisher="Euroradio",
    ),
    SourceData(
        CIWR_2011,
        "[CIWR: Ales Byalyatski sentenced]",
        url="http://www.ciwr.org/article_en/2011/11/24_ales_byalyatski.html",
        publisher="CIWR",
        published_on=datetime.date(2011, 11, 24),
        quote="medium security penal colony with confiscation of property",
    ),
    SourceData(
        DZIENNIK_2014,
        "[Dziennik.pl: Ales Bialiatski free; Lukashenko releases the well-known oppositionist]",
        url="http://wiadomosci.dziennik.pl/swiat/artykuly/462512,ales-bialacki-na-wolnosci-"
        "lukaszenka-zwolnil-slynnego-opozycjoniste.html",
        publisher="Dziennik.pl",
        language="pl",
    ),
    SourceData(
        FREEALES_CONDITIONS,
        "[FIDH, Free Ales: news from Ales, conditions of detention]",
        url="http://freeales.fidh.net/category/news-from-ales/conditions-of-detention/page/3/",
        publisher="FIDH",
        quote="severe detention regime",
    ),
    SourceData(
        FREEALES_2012,
        '[FIDH, Free Ales: "I am a malicious rules breaker"]',
        url="http://freeales.fidh.net/2012/08/ales-bialiatski-i-am-a-malicious-rules-breaker/",
        publisher="FIDH",
        quote="penal colony No. 5",
    ),
    SourceData(
        VIASNA_50540,
        "[Viasna: Ales Bialiatski transferred to the Babruisk colony]",
        url="https://spring96.org/en/news/50540",
        publisher="Viasna",
        published_on=datetime.date(2012, 3, 7),
    ),
    SourceData(
        VIASNA_52143,
        "[Viasna: supervisory appeal in the case of Ales Bialiatski]",
        url="https://spring96.org/en/news/52143",
        publisher="Viasna",
        published_on=datetime.date(2012, 5, 2),
    ),
    SourceData(
        CHARTER97_2012,
        "[Charter97: Ales Bialiatski in the Babruisk colony]",
        url="http://www.charter97.org/en/news/2012/10/12/59822/",
        publisher="Charter97",
        published_on=datetime.date(2012, 10, 12),
    ),
    SourceData(
        AMNESTY_2014,
        "[Amnesty International public statement on the release of Ales Bialiatski "
        "(EUR 49/008/2014), reposted by Viasna]",
        url="https://spring96.org/en/news/71707",
        publisher="Viasna (Amnesty International)",
        published_on=datetime.date(2014, 6, 24),
    ),
    SourceData(
        NWAONLINE_2014,
        "[AP: Belarus activist freed from prison]",
        url="http://www.nwaonline.com/news/2014/jun/22/belarus-activist-freed-from-prison-pope/"
        "?news-world",
        publisher="NWA Online (AP)",
        published_on=datetime.date(2014, 6, 22),
    ),
    # Ales Bialiatski and Uladzimir Labkovich, 2021-2025 -----------------------------------------
    SourceData(
        AMNESTY_2021,
        "[Amnesty International: document EUR 49/4494/2021 on the Viasna detentions]",
        url="https://www.amnesty.org/fr/documents/eur49/4494/2021/fr/",
        publisher="Amnesty International",
        language="fr",
    ),
    SourceData(
        AMNESTY_USA_2021,
        "Urgent Action update: human rights defenders remain in detention (Belarus: UA 85.21)",
        url="https://www.amnestyusa.org/urgent-actions/urgent-action-update-human-rights-"
        "defenders-remain-in-detention-belarus-ua-85-21/",
        publisher="Amnesty International USA",
        published_on=datetime.date(2021, 8, 3),
    ),
    SourceData(
        OBSERVATORY_2023,
        "[Observatory alert: Belarus, sentencing of Viasna members Ales Bialiatski, Valiantsin "
        "Stefanovich and Uladzimir Labkovich]",
        url="https://observatoryfordefenders.org/alert/belarus-sentencing-of-viasna-members-ales-"
        "bialiatski-valiantsin-stefanovich-and-uladzimir-labkovich/",
        publisher="Observatory for the Protection of Human Rights Defenders (FIDH-OMCT)",
        published_on=datetime.date(2023, 3, 3),
        quote="Part 4 of Article 228, and Part 2 of Article 342 of the Criminal Code of Belarus",
    ),
    SourceData(
        RIGHT_LIVELIHOOD_2023,
        "[Right Livelihood: Belarus, Viasna leaders sentenced to 10, 9 and 7 years in prison for "
        "their activism]",
        url="https://rightlivelihood.org/advocacy-updates/belarus-viasna-leaders-sentenced-to-10-"
        "9-and-7-years-in-prison-for-their-activism/",
        publisher="Right Livelihood",
        published_on=datetime.date(2023, 3, 3),
    ),
    SourceData(
        VIASNA_DB_LABKOVICH,
        "[Viasna political prisoners database: Uladzimir Labkovich]",
        url="https://prisoners.spring96.org/en/person/uladzimir-labkovicz",
        publisher="Viasna",
        quote="Financing of group actions that grossly violate public order",
    ),
    SourceData(
        FIDH_2023,
        "[FIDH: FIDH Vice-President and his Viasna colleagues sentenced to heavy prison terms]",
        url="https://www.fidh.org/en/region/europe-central-asia/belarus/fidh-vice-president-and-"
        "his-viasna-colleagues-sentenced-to-heavy",
        publisher="FIDH",
        published_on=datetime.date(2023, 3, 3),
    ),
    SourceData(
        FIDH_2024,
        "[FIDH: Belarus, three years after their arbitrary arrest, Viasna members must be "
        "released]",
        url="https://www.fidh.org/en/region/europe-central-asia/belarus/belarus-three-years-after-"
        "their-arbitrary-arrest-viasna-members-must",
        publisher="FIDH",
        published_on=datetime.date(2024, 7, 16),
        quote="the judgement was later upheld on appeal",
    ),
    SourceData(
        YAHOO_2023,
        "[2022 Nobel Peace Prize winner sentenced in Belarus]",
        url="https://news.yahoo.com/2022-nobel-peace-prize-winner-161600792.html",
        publisher="Yahoo News",
        published_on=datetime.date(2023, 3, 3),
    ),
    SourceData(
        CNN_2023,
        "[CNN: Nobel laureate Ales Beliatski sentenced to 10 years in prison by Belarusian court]",
        url="https://localnews8.com/news/2023/03/03/nobel-laureate-ales-beliatski-sentenced-to-"
        "10-years-in-prison-by-belarusian-court/",
        publisher="Local News 8 (CNN)",
        published_on=datetime.date(2023, 3, 3),
        quote="maximum-security penal colony",
    ),
    SourceData(
        POZIRK_70859,
        "[Pozirk: joint statement of 36 human-rights organisations on the Viasna prisoners]",
        url="https://pozirk.online/en/news/70859",
        publisher="Pozirk",
    ),
    SourceData(
        VIASNA_113737,
        "[Viasna: Ales Bialiatski in penal colony No. 9, Horki]",
        url="https://spring96.org/en/news/113737",
        publisher="Viasna",
    ),
    SourceData(
        DZIENNIK_2023,
        "[Dziennik.pl: Nobel laureate Ales Bialiatski taken to a penal colony]",
        url="https://wiadomosci.dziennik.pl/swiat/artykuly/8708911,bialorus-noblista-ales-"
        "bialacki-wiasna-kolonia-karna.html",
        publisher="Dziennik.pl",
        language="pl",
    ),
    SourceData(
        PEFAFA_UPI,
        "[UPI: Nobel Peace Prize winner Ales Bialiatski sent to prison in Belarus]",
        url="https://pefafa.com/world/nobel-peace-prize-winner-ales-bialiatski-sent-to-prison-in-"
        "belarus.html",
        publisher="pefafa.com (UPI)",
        quote="in detention since 2020",
    ),
    SourceData(
        NKEU_LABKOVICH,
        "[Viasna: Happy birthday, Uladzimir!]",
        url="https://nkeu.foreignaffairs.co.nz/2021/10/22/happy-birthday-uladzimir/",
        publisher="foreignaffairs.co.nz (Viasna)",
        published_on=datetime.date(2021, 10, 22),
    ),
    SourceData(
        LIBERECO,
        "[Libereco: members of the European Parliament and the Bundestag sponsor Uladzimir "
        "Labkovich, Ales Bialiatski and Valiantsin Stefanovich]",
        url="https://www.lphr.org/en/abgeordnete-aus-dem-europaeischen-parlament-und-dem-"
        "deutschen-bundestag-uebernehmen-patenschaften-fuer-uladzimir-labkovich-ales-bialiatski-"
        "und-valiantsin-stefanovich/",
        publisher="Libereco",
    ),
    SourceData(
        NASHA_NIVA_319149,
        "[Nasha Niva: Uladzimir Labkovich in Mogilev prison]",
        url="https://nn.by/ru/319149",
        publisher="Nasha Niva",
        language="ru",
    ),
    SourceData(
        CHARTER97_2025_EN,
        "[Charter97: Uladzimir Labkovich after his release]",
        url="https://charter97.org/en/news/2025/12/15/666683",
        publisher="Charter97",
        published_on=datetime.date(2025, 12, 15),
    ),
    SourceData(
        CHARTER97_2025_RU,
        "[Charter97: Uladzimir Labkovich taken to Ukraine without a passport]",
        url="https://charter97.org/ru/news/2025/12/14/666635/",
        publisher="Charter97",
        published_on=datetime.date(2025, 12, 14),
        language="ru",
    ),
    SourceData(
        CHASA_2025,
        "[AP: freed Belarusian prisoners in Ukraine without passports]",
        url="https://www.24chasa.bg/mezhdunarodni/article/21949813",
        publisher="24 Chasa (AP)",
        published_on=datetime.date(2025, 12, 20),
        language="bg",
    ),
    # The release of 13 Dec 2025 ----------------------------------------------------------------
    SourceData(
        KENTUCKY_INSIDER,
        "[Belarus releases 123 prisoners, including Nobel laureate Bialiatski]",
        url="https://kentuckyinsider.com/politics/belarus-releases-123-prisoners-including-nobel-"
        "laureate-bialiatski",
        publisher="Kentucky Insider",
    ),
    SourceData(
        VICSUN,
        "[Reuters, citing Pul Pervogo: Lukashenko pardoned more than 120 people after "
        "negotiations with the US]",
        url="https://www.vicsun.org/politics/lukashenko-pardoned-more-than-120-people-after-"
        "negotiations-with-the-us",
        publisher="vicsun.org (Reuters)",
    ),
    SourceData(
        RFERL_GEORGIAN,
        "[RFE/RL Georgian Service: Belarus frees 123 prisoners]",
        url="https://www.radiotavisupleba.ge/a/33622375.html",
        publisher="Radio Tavisupleba (RFE/RL)",
        published_on=datetime.date(2025, 12, 13),
        language="ka",
    ),
    SourceData(
        MEDUZA_2025,
        "[Meduza: in return for Trump lifting sanctions, Belarus freed 123 political prisoners, "
        "then expelled most to Ukraine without passports]",
        url="https://meduza.io/en/feature/2025/12/15/in-return-for-trump-lifting-sanctions-"
        "belarus-freed-123-political-prisoners-then-expelled-most-to-ukraine-without-passports",
        publisher="Meduza",
        published_on=datetime.date(2025, 12, 15),
    ),
    SourceData(
        HUMANRIGHTS_ONLINE,
        "[Maria Kolesnikova, Viktor Babariko and Nobel Peace Prize laureate Ales Beliatski have "
        "been released]",
        url="https://humanrights-online.org/be/maria-kolesnikova-viktor-babariko-and-nobel-peace-"
        "prize-laureate-ales-beliatski-have-been-released",
        publisher="humanrights-online.org",
        language="",
    ),
    # Maria Kolesnikova and Maksim Znak ---------------------------------------------------------
    SourceData(
        TVN24_2020,
        "[TVN24: Maryia Kalesnikava to stay in custody until November]",
        url="https://tvn24.pl/swiat/bialorus-maryja-kalesnikawa-pozostanie-w-areszcie-do-"
        "listopada-4695789?source=rss",
        publisher="TVN24",
        language="pl",
    ),
    SourceData(
        BELSAT_PL_2021,
        "[Belsat: Maryia Kalesnikava has spent eight months in solitary confinement]",
        url="https://blstv.eu/pl/news/14-11-2021-maryja-kalesnikawa-juz-osiem-miesiecy-spedzila-"
        "w-pojedynczej-celi",
        publisher="Belsat",
        published_on=datetime.date(2021, 11, 14),
        language="pl",
    ),
    SourceData(
        BHC_2020,
        "[Belarusian Helsinki Committee: Kalesnikava, Znak and Salei are new political prisoners]",
        url="http://belhelcom.org/en/news/kalesnikava-znak-and-salei-are-new-political-prisoners",
        publisher="Belarusian Helsinki Committee",
        published_on=datetime.date(2020, 9, 11),
        quote="appeals to actions aimed at harming the national security of the Republic of "
        "Belarus",
    ),
    SourceData(
        AMNESTY_KALESNIKAVA_2020,
        "[Amnesty International calls to release prisoner of conscience Maryia Kalesnikava] "
        "(via Viasna)",
        url="https://newskitchen.eu/2020/09/24/amnesty-international-calls-to-release-"
        "prisoner-of-conscience-maryia-kalesnikava/",
        publisher="News Kitchen (Viasna)",
        published_on=datetime.date(2020, 9, 24),
    ),
    SourceData(
        WYBORCZA_2020,
        "[Wyborcza: Maryia Kalesnikava charged]",
        url="https://wyborcza.pl/7,75399,26310705,maryja-kalesnikawa-oskarzona-slynnej-"
        "opozycjonistce-grozi-do.html?disableRedirects=true",
        publisher="Gazeta Wyborcza",
        language="pl",
        quote="zatrzymana 9 września",
    ),
    SourceData(
        JURIST_2021,
        "[JURIST: Belarus regional court sentences opposition activists]",
        url="https://www.jurist.org/news/2021/09/belarus-regional-court-sentences-opposition-"
        "activists/",
        publisher="JURIST",
        quote="a conspiracy committed with the aim of seizing state power by unconstitutional "
        "means",
    ),
    SourceData(
        ANSA_2021,
        "[ANSA: Belarus, opposition leaders Kolesnikova and Znak convicted]",
        url="https://www.ansa.it/sito/notizie/mondo/2021/09/06/bielorussia-condannati-gli-"
        "oppositori-kolesnikova-e-znak_7ad517f3-b057-49ec-b02d-1304181fe73a.html",
        publisher="ANSA",
        published_on=datetime.date(2021, 9, 6),
        language="it",
    ),
    SourceData(
        ZN_UA_APPEAL,
        "[ZN.ua: the Supreme Court of Belarus upholds the verdict on Kolesnikova and Znak]",
        url="https://zn.ua/ukr/amp/WORLD/verkhovnij-sud-bilorusiji-zatverdiv-virok-"
        "opozitsioneram-kolesnikovoji-ta-znaku.html",
        publisher="ZN.ua",
        language="uk",
        quote="ч.1 ст.357, ч.3 ст.361, ч.1 ст.361-1 КК",
    ),
    SourceData(
        RBC_2021,
        "[RBC: verdict on Kolesnikova and Znak]",
        url="https://novideo.rbc.ru/politics/06/09/2021/6134b74d9a7947cd08c57a8a?from="
        "materials_on_subject",
        publisher="RBC",
        published_on=datetime.date(2021, 9, 6),
        language="ru",
    ),
    SourceData(
        DW_TIME_NEWS,
        "[DW: Maria Kolesnikova was transferred to the colony]",
        url="https://time.news/maria-kolesnikova-was-transferred-to-the-colony-major-political-"
        "events-in-belarus-assessments-forecasts-comments-dw",
        publisher="time.news (DW)",
    ),
    SourceData(
        TVR_2021,
        "[tvr.by: the verdict on Kolesnikova and Znak]",
        url="https://www.tvr.by/eng/news/obshchestvo/oglashenie_prigovora_kolesnikovoy_i_znaku_"
        "soprovozhdalos_traditsionno_absurdnym_infoshumom_po_komand/",
        publisher="tvr.by (Belarusian state television)",
        published_on=datetime.date(2021, 9, 12),
    ),
    SourceData(
        FN_VOLGA,
        "[fn-volga.ru, citing RBC: Kolesnikova and Znak sentenced]",
        url="https://fn-volga.ru/news/view/id/170973",
        publisher="fn-volga.ru (RBC)",
        language="ru",
    ),
    SourceData(
        NEWS_BY,
        "[news.by: M. Kolesnikova sentenced to 11 years, M. Znak to 10 years in a colony]",
        url="https://news.by/eng/news/obshchestvo/m_kolesnikovu_prigovorili_k_11_godam_m_znaka_k_"
        "10_godam_kolonii",
        publisher="news.by",
    ),
    SourceData(
        DZIENNIK_2022,
        "[Dziennik.pl: Maryia Kalesnikava taken from custody to a penal colony]",
        url="https://wiadomosci.dziennik.pl/swiat/artykuly/8330715,bialorus-maryja-kalesnikawa-"
        "wiezienie-areszt-kolonia-karna.html",
        publisher="Dziennik.pl",
        language="pl",
    ),
    SourceData(
        ZERKALO_2022,
        "[Zerkalo: Maria Kolesnikova in hospital]",
        url="https://news.zerkalo.io/amp/life/28857.html",
        publisher="Zerkalo",
        language="",
        published_on=datetime.date(2022, 12, 21),
    ),
    SourceData(
        BELSAT_ZNAK,
        "[Belsat: another Coordination Council member in trouble: lawyer Maksim Znak detained in "
        "Minsk]",
        url="https://belsat.eu/en/news/another-coordination-council-member-in-trouble-lawyer-"
        "maksim-znak-detained-in-minsk/",
        publisher="Belsat",
    ),
    SourceData(
        NATIONAL_POST_2020,
        "[Reuters: another Belarus opposition politician is seized by masked men]",
        url="https://nationalpost.com/pmn/news-pmn/crime-pmn/another-belarus-opposition-"
        "politician-is-seized-by-masked-men",
        publisher="National Post (Reuters)",
        published_on=datetime.date(2020, 9, 9),
    ),
    SourceData(
        LA_TIMES_2020,
        "[AP: another leading opposition activist detained in Belarus]",
        url="https://www.latimes.com/world-nation/story/2020-09-09/another-leading-opposition-"
        "activist-detained-in-belarus",
        publisher="Los Angeles Times (AP)",
        published_on=datetime.date(2020, 9, 9),
    ),
    SourceData(
        MANCHIKONI,
        "[Report on the sentence of Maksim Znak]",
        url="https://manchikoni.com/?p=440554",
        publisher="manchikoni.com",
        language="",
        quote="maximum security colony",
    ),
    # Viktor Babaryka ---------------------------------------------------------------------------
    SourceData(
        NKEU_BABARYKA,
        "[Viasna: Viktar Babaryka sentenced to 14 years in prison]",
        url="https://nkeu.foreignaffairs.co.nz/2021/07/06/viktar-babaryka-sentenced-to-14-years-"
        "in-prison/",
        publisher="foreignaffairs.co.nz (Viasna)",
        published_on=datetime.date(2021, 7, 6),
        quote="Part 3 Article 430",
    ),
    SourceData(
        BELSAT_EDUARD,
        "[Belsat: 18 months behind bars: jailed presidential hopeful Viktar Babaryka's son "
        "Eduard facing two more criminal charges]",
        url="https://belsat.eu/en/news/20-12-2021-18-months-behind-bars-jailed-presidential-"
        "wannabe-viktar-babaryka-s-son-eduard-facing-two-more-criminal-charges/",
        publisher="Belsat",
    ),
    SourceData(
        VIASNA_98021,
        "[Viasna: report on the human rights situation, June 2020]",
        url="https://spring96.org/en/news/98021",
        publisher="Viasna",
    ),
    SourceData(
        VOICE_BABARYKA,
        "[Voice of Belarus: Viktar Babaryka sentenced to 14 years in prison]",
        url="https://voiceofbelarus.org/belarus-news/viktar-babaryka-sentenced-to-14-years-in-"
        "prison",
        publisher="Voice of Belarus",
        quote="medium-security penal colony",
    ),
    SourceData(
        GAZETA_PRAWNA,
        "[Gazeta Prawna: Belarus, verdict on Viktar Babaryka]",
        url="https://www.gazetaprawna.pl/wiadomosci/swiat/artykuly/8204322,bialorus-wyrok-"
        "wiktor-babaryka-sad-wiezienie.html",
        publisher="Gazeta Prawna",
        language="pl",
    ),
    SourceData(
        BB_LV_2024,
        "[bb.lv: how Lukashenko's rival serves his term]",
        url="https://arhiv.bb.lv/statja/chp-i-kriminal/2024/02/04/prokololi-legkoe-travyat-"
        "hlorom-kak-otbyvaet-srok-konkurent-lukashenko-video",
        publisher="bb.lv",
        published_on=datetime.date(2024, 2, 4),
        language="ru",
    ),
    SourceData(
        ZN_UA_BABARYKA,
        "[ZN.ua: verdict on opposition politician Babaryka]",
        url="https://zn.ua/ukr/amp/WORLD/u-bilorusi-vinesli-virok-opozitsioneru-babarika.html",
        publisher="ZN.ua",
        language="uk",
        quote="колонії посиленого режиму",
    ),
    SourceData(
        ALTUSINTEL,
        "[RIA Novosti: the verdict on Viktor Babariko]",
        url="https://altusintel.com/public-yy3j06",
        publisher="altusintel.com (RIA Novosti)",
        language="",
    ),
    SourceData(
        PLUSKA,
        "[Pluska: Lukashenko's opponent sentenced to 14 years; Babaryka rejects all charges]",
        url="https://www1.pluska.sk/spravy/zo-zahranicia/lukasenkovho-oponenta-odsudili-14-"
        "rokov-vazenia-babaryk-vsetky-obvinenia-odmieta",
        publisher="Pluska",
        language="sk",
        quote="najprísnejším stupňom stráženia",
    ),
    SourceData(
        BELSAT_TAG_PRISON,
        "[Belsat: news tagged prison]",
        url="https://belsat.eu/en/tag/prison",
        publisher="Belsat",
    ),
    SourceData(
        POZIRK_46636,
        "[Pozirk (BPN): Viktar Babaryka in penal colony No. 1, Navapolatsk]",
        url="https://pozirk.online/en/news/46636",
        publisher="Pozirk (BPN)",
    ),
    SourceData(
        BELKORPUS,
        "[belkorpus: Viktar Babaryka in the Navapolatsk colony]",
        url="https://belkorpus.info/chijinfo/258375.html",
        publisher="belkorpus.info",
        language="",
    ),
    # Maryna Zolatava ---------------------------------------------------------------------------
    SourceData(
        BAJ_2019,
        "[BAJ: guilty; Zolatava to pay a fine and BelTA's costs]",
        url="https://baj.by/en/content/guilty-zolatava-pay-fine-and-belta-costs",
        publisher="Belarusian Association of Journalists (BAJ)",
        published_on=datetime.date(2019, 3, 4),
    ),
    SourceData(
        BAJ_ZOLATAVA,
        "[BAJ: Maryna Zolatava]",
        url="https://baj.media/en/maryna-zolatava",
        publisher="Belarusian Association of Journalists (BAJ)",
    ),
    SourceData(
        UDF_NAME_TUTBY,
        "[BelaPAN: jailed editor-in-chief confident that TUT.BY will not disappear]",
        url="https://udf.name/english/soc/229932-jailed-editor-in-chief-confident-that-tutby-"
        "will-not-disappear.html",
        publisher="udf.name (BelaPAN)",
    ),
    SourceData(
        BAJ_2023,
        "[BAJ: harsh sentences for Maryna Zolatava and Liudmila Chekina avenge the truth TUT.BY "
        "delivered to millions]",
        url="https://baj.media/en/content/harsh-sentences-maryna-zolatava-and-ludmila-chekina-"
        "avenge-truth-tutby-delivered-millions",
        publisher="Belarusian Association of Journalists (BAJ)",
        published_on=datetime.date(2023, 3, 17),
    ),
    SourceData(
        INTERFAX_2023,
        "[Interfax: TUT.BY's editor-in-chief and director sentenced]",
        url="https://interfax.com/newsroom/top-stories/88821/",
        publisher="Interfax",
        published_on=datetime.date(2023, 3, 17),
        quote="standard security penal colony",
    ),
    SourceData(
        BABEL_2023,
        "[Babel: in Belarus, the editor-in-chief and general director of TUT.BY were each given "
        "12 years in prison]",
        url="https://babel.ua/en/news/91696-in-belarus-the-editor-in-chief-and-general-director-"
        "of-the-independent-publication-tut-by-were-each-given-12-years-in-prison",
        publisher="Babel",
        published_on=datetime.date(2023, 3, 17),
    ),
    SourceData(
        PRESS_CLUB_2023,
        "[Press Club Belarus: Maryna Zolatava turns 46]",
        url="https://press-club.pro/dosved/chtoby-kompensirovat-eto-ukradennoe-u-nas-vremya-my-"
        "prosto-obyazany-zhit-dalshe-marine-zolotovoj-segodnya-46-let",
        publisher="Press Club Belarus",
        language="",
    ),
    SourceData(
        CPJ_2025,
        "[CPJ: Belarusian journalist Maryna Zolatava released after serving over 4 years in "
        "prison]",
        url="https://cpj.org/2025/12/belarusian-journalist-maryna-zolatava-released-after-"
        "serving-over-4-years-in-prison",
        publisher="Committee to Protect Journalists",
        published_on=datetime.date(2025, 12, 15),
    ),
    SourceData(
        RSF_2025,
        "[RSF on the journalists freed on 13 Dec 2025]",
        url="https://pubt.io/view/5A0A11B53AF010851CA0D9C7C81CD14D918AF252",
        publisher="pubt.io (RSF)",
        published_on=datetime.date(2025, 12, 13),
    ),
    # Andrey Kuznechyk --------------------------------------------------------------------------
    SourceData(
        VIASNA_DB_KUZNECHYK,
        "[Viasna political prisoners database: Andrei Kuznechyk]",
        url="https://prisoners.spring96.org/en/person/andrei-kuzneczyk",
        publisher="Viasna",
        quote="Creation of an extremist formation, or participation in it",
    ),
    SourceData(
        PARADISE_RFERL,
        "[RFE/RL: journalist Kuznechyk released after more than 3 years in Belarus prison]",
        url="https://theparadise.ng/rfe-rl-journalist-kuznechyk-released-after-more-than-3-"
        "years-in-belarus-prison",
        publisher="theparadise.ng (RFE/RL)",
    ),
    SourceData(
        EURORADIO_KUZNECHYK_BE,
        "[Euroradio: propagandists showed political prisoner Andrei Kuznechyk]",
        url="https://euro.radio.fm/prapagandysty-pakazali-palitvyaznya-andreya-kuznechyka",
        publisher="Euroradio",
        language="be",
        quote="калоніі ўзмоцненага рэжыму",
    ),
    SourceData(
        EURORADIO_KUZNECHYK_RU,
        "[Euroradio: propagandists showed political prisoner Andrei Kuznechyk]",
        url="https://euro.radio.fm/ru/propagandisty-pokazali-politzaklyuchennogo-andreya-"
        "kuznechika",
        publisher="Euroradio",
        language="ru",
    ),
    SourceData(
        IPI_71441,
        "[IPI on the sentence of Andrei Kuznechyk]",
        url="https://ipi.media/?p=71441",
        publisher="International Press Institute",
    ),
    SourceData(
        BAJ_KUZNECHYK,
        "[BAJ: the politically imprisoned journalist Andrei Kuznechyk]",
        url="https://baj.media/en/bt-featured-the-politically-imprisoned-journalist-andrei-"
        "kuznechyk",
        publisher="Belarusian Association of Journalists (BAJ)",
    ),
    SourceData(
        TXTREPORT_2022,
        "[The Supreme Court left unchanged the verdict of Svaboda journalist Andrei Kuznechyk]",
        url="https://www.txtreport.com/life/2022-08-12-the-supreme-court-left-unchanged-the-"
        "verdict-of-svaboda-journalist-andrei-kuznechyk.SkQAg5X0c.html",
        publisher="txtreport",
        published_on=datetime.date(2022, 8, 12),
    ),
    SourceData(
        VOA_SERBIAN,
        "[VOA Serbian: RFE/RL journalist in prison in Belarus]",
        url="https://voa.pangea-cms.com/preview/sr-Latn-CS/a/rat-u-ukrajini-ukrajina-rusija-"
        "belorusija-novinar-radio-slobodna-evropa-hapsenje-zatvor/6609813.html",
        publisher="Voice of America",
        language="sr",
        quote="strogim obezbeđenjem",
    ),
    SourceData(
        VOA_2025,
        "[VOA: RFE/RL journalist released from Belarus jail]",
        url="https://voa.pangea-cms.com/preview/en-US/a/rfe-rl-journalist-released-from-belarus-"
        "jail-/7972466.html",
        publisher="Voice of America",
    ),
    SourceData(
        MYNORTHWEST_2025,
        "[AP: Belarus releases 3 people, including an American and a jailed journalist]",
        url="https://mynorthwest.com/national/belarus-releases-3-people-including-an-american-"
        "and-a-jailed-journalist/4044769",
        publisher="MyNorthwest (AP)",
        published_on=datetime.date(2025, 2, 12),
    ),
    # Youras Ziankovich -------------------------------------------------------------------------
    SourceData(
        CNN_LONDONDAILY,
        "[CNN: an American lawyer went on a lunch date in Moscow; now he's languishing in a jail "
        "cell in Belarus]",
        url="https://londondaily.com/an-american-lawyer-went-on-a-lunch-date-in-moscow-now-he-s-"
        "languishing-in-a-jail-cell-in-belarus",
        publisher="London Daily (CNN)",
    ),
    SourceData(
        MOSCOW_TIMES_2024,
        "[The Moscow Times: American lawyer detained in Russia alongside veteran Belarus "
        "opposition leader]",
        url="https://themoscowtimes.com/2024/12/14/american-lawyer-detained-in-russia-alongside-"
        "veteran-belarus-opposition-leader-reports",
        publisher="The Moscow Times",
    ),
    SourceData(
        KRESY_2022,
        "[Kresy: Belarus, verdicts in the case of a planned coup]",
        url="https://kresy.pl/wydarzenia/regiony/bialorus/bialorus-wyroki-w-sprawie-o-"
        "planowanie-zamachu-stanu/",
        publisher="Kresy.pl",
        language="pl",
    ),
    SourceData(
        RFERL_AMN_2022,
        "[RFE/RL: five Belarusian activists, including a US citizen, convicted of plotting a coup]",
        url="https://americanmilitarynews.com/2022/09/five-belarusian-activists-including-us-"
        "citizen-convicted-of-plotting-coup",
        publisher="American Military News (RFE/RL)",
    ),
    SourceData(
        RBC_2022,
        "[RBC: Ziankovich sentenced]",
        url="https://www.rbc.ru/politics/05/09/2022/6315ec189a7947476e068e0d",
        publisher="RBC",
        published_on=datetime.date(2022, 9, 5),
        language="ru",
        quote="ч.1 ст. 357 УК",
    ),
    SourceData(
        EURORADIO_2022,
        "[Euroradio: Ziankovich sentenced to 11 years in a colony, Feduta and Kostusev to 10 "
        "years each]",
        url="https://amp.euroradio.fm/ru/zenkovich-osuzhden-na-11-let-kolonii-feduta-i-kostusev-"
        "na-10-let-kazhdyy",
        publisher="Euroradio",
        published_on=datetime.date(2022, 9, 5),
        language="ru",
        quote="колонии усиленного режима",
    ),
    SourceData(
        RFERL_MIRROR_2025,
        "[RFE/RL: Belarus frees American citizen Yuras Zyankovich (read on a mirror domain; the "
        "primary address is not on record)]",
        url="https://d2xt7xyrlamskt.cloudfront.net/amp/belarus-american-citizen-prisoner-yuras-"
        "zyankovich-rubio/33401476.html",
        publisher="RFE/RL (mirror)",
        published_on=datetime.date(2025, 4, 30),
    ),
    SourceData(
        USLIVE_AP,
        "[AP: Belarus frees US citizen Youras Ziankovich]",
        url="https://uslive.com/newsfeed/541760",
        publisher="uslive.com (AP)",
    ),
    SourceData(
        MOSCOW_TIMES_2025,
        "[AFP: Belarus releases US national jailed amid opposition crackdown]",
        url="https://www.themoscowtimes.com/2025/05/01/belarus-releases-us-national-jailed-amid-"
        "opposition-crackdown-a88943",
        publisher="The Moscow Times (AFP)",
        published_on=datetime.date(2025, 5, 1),
    ),
    SourceData(
        UPI_2025,
        "[UPI: Belarus releases American]",
        url="https://www.upi.com/Top_News/US/2025/05/01/Belarus-releases-American/7201746082089/",
        publisher="UPI",
        published_on=datetime.date(2025, 5, 1),
    ),
    # Siarhei Tsikhanouski ----------------------------------------------------------------------
    SourceData(
        VIASNA_115390,
        "[Viasna: four years since the arrest of Siarhei Tsikhanouski]",
        url="https://spring96.org/en/news/115390",
        publisher="Viasna",
        published_on=datetime.date(2024, 5, 29),
    ),
    SourceData(
        CSCE_TSIKHANOUSKI,
        "[US Helsinki Commission: Chairman Wicker, Senators Shaheen and Durbin honor Belarusian "
        "political prisoner Siarhei Tsikhanouski on the 5th anniversary of his arrest]",
        url="https://www.csce.gov/press-releases/chairman-wicker-senators-shaheen-durbin-honor-"
        "belarusian-political-prisoner-siarhei-tsikhanouski-on-5th-anniversary-of-his-arrest",
        publisher="US Helsinki Commission",
        quote="serving a 19 ½ year sentence",
    ),
    SourceData(
        CHARTER97_2020,
        "[Charter97: Siarhei Tsikhanouski's charges and custody]",
        url="https://charter97.org/en/news/2020/12/1/402492/",
        publisher="Charter97",
        published_on=datetime.date(2020, 12, 1),
    ),
    SourceData(
        BELSAT_2021_TSIKHANOUSKI,
        "[Belsat: up to 18 years in jail: Lukashenka regime passes draconian sentences on "
        "defendants in Tsikhanouski case]",
        url="https://redakcja.belsat.cloud/en/news/14-12-2021-up-to-18-years-in-jail-lukashenka-"
        "regime-passes-draconian-sentences-on-defendants-in-tsikhanouski-case",
        publisher="Belsat",
        published_on=datetime.date(2021, 12, 14),
        quote="medium security penal colony",
    ),
    SourceData(
        RFERL_2021,
        "[RFE/RL: verdict and sentences in the case of Ihar Losik and Siarhei Tsikhanouski]",
        url="https://www.rferl.org/a/belarus-losik-verdict-sentence/31607492.html",
        publisher="RFE/RL",
    ),
    SourceData(
        NKEU_TSIKHANOUSKI,
        "[Viasna: sentences in the Tsikhanouskis' case, 14 to 18 years in prison]",
        url="https://nkeu.foreignaffairs.co.nz/2021/12/14/sentences-in-the-tsikhanouskis-case-14-"
        "to-18-years-in-prison/",
        publisher="foreignaffairs.co.nz (Viasna)",
        published_on=datetime.date(2021, 12, 14),
        quote="high-security imprisonment",
    ),
    SourceData(
        SILKWAY,
        "[Silk Way: the Supreme Court of Belarus left the verdict unchanged]",
        url="https://silkway.news/ru/sud-belorussii-ostavil-bez-izmeneniy-332959",
        publisher="silkway.news",
        language="ru",
    ),
    SourceData(
        SEGODNYA_2021,
        "[Segodnya, citing BelTA: Tsikhanouskaya's husband receives a record sentence]",
        url="https://vlada.segodnya.ua/amp-vlada/v-belarusi-muzh-tihanovskoy-poluchil-"
        "rekordnyy-prigovor-skolko-on-otsidit-1590894.html",
        publisher="Segodnya (BelTA)",
        published_on=datetime.date(2021, 12, 14),
        language="ru",
        quote="колонии усиленного режима",
    ),
    SourceData(
        KRESY_2021,
        "[Kresy: Belarus, heavy prison sentences for Tsikhanouski and other opposition figures]",
        url="https://kresy.pl/wydarzenia/regiony/bialorus/bialorus-wysokie-wyroki-wiezienia-dla-"
        "cichanouskiego-i-innych-opozycjonistow-video/",
        publisher="Kresy.pl",
        language="pl",
        quote="zaostrzonym reżimie",
    ),
    SourceData(
        RFERL_2022,
        "[RFE/RL: Supreme Court upholds the sentences of Tsikhanouski and Losik]",
        url="https://www.rferl.org/amp/belarus-tsikhanouski-losik-sentences/31878851.html",
        publisher="RFE/RL",
        published_on=datetime.date(2022, 6, 1),
    ),
    SourceData(
        ITTA_2023,
        "[Interfax: Belarusian opposition activist Tikhanovsky, serving an 18-year sentence, "
        "gets one more]",
        url="https://itta.info/en/belarusian-opposition-activist-tikhanovsky-serving-18-year-"
        "sentence-gets-one-more/",
        publisher="itta.info (Interfax)",
        published_on=datetime.date(2023, 2, 27),
    ),
    SourceData(
        MOTOLKO,
        "[Svaboda: Siarhei Tsikhanouski was transferred to the prison regime]",
        url="https://motolko.help/en-news/siarhei-tsikhanouski-was-transferred-to-the-prison-"
        "regime/",
        publisher="Motolko (Svaboda)",
    ),
    SourceData(
        CMIO_2023,
        "[RIA Novosti: Investigative Committee of Belarus filed another charge against "
        "Tikhanovsky]",
        url="https://cmio.org/en/world/844491-investigative-committee-of-belarus-filed-another-"
        "charge-against-tikhanovsky",
        publisher="cmio.org (RIA Novosti)",
        published_on=datetime.date(2023, 1, 16),
    ),
    SourceData(
        VOICE_TSIKHANOUSKI,
        "[Voice of Belarus: Sergei Tikhanovsky was given another year and a half of imprisonment]",
        url="https://www.voiceofbelarus.org/belarus-news/sergei-tikhanovsky-was-added-a-year-and-"
        "a-half-of-imprisonment/",
        publisher="Voice of Belarus",
    ),
    SourceData(
        RUSSIANFREEPRESS_2023,
        "[The Belarusian oppositionist Tikhanovsky was charged with a new charge; he is serving "
        "an 18-year sentence]",
        url="https://russianfreepress.com/2023/01/16/the-belarusian-oppositionist-tikhanovsky-"
        "was-charged-with-a-new-charge-he-is-serving-an-18-year-sentence/",
        publisher="russianfreepress.com",
        published_on=datetime.date(2023, 1, 16),
    ),
    SourceData(
        VIASNA_113225,
        "[Viasna: a new criminal case against Siarhei Tsikhanouski]",
        url="https://spring96.org/en/news/113225",
        publisher="Viasna",
    ),
    SourceData(
        TASS_2025,
        "[TASS: Lukashenko pardons Tikhanovsky at the request of the US president]",
        url="https://tass.com/world/1978425/amp",
        publisher="TASS",
        quote="solely for humanitarian reasons, to reunite the family",
    ),
    SourceData(
        DEVDISCOURSE_2025,
        "[Leading Belarus opposition figure Siarhei Tsikhanouski freed in diplomatic breakthrough]",
        url="https://www.devdiscourse.com/article/politics/3466651-leading-belarus-opposition-"
        "figure-siarhei-tsikhanouski-freed-in-diplomatic-breakthrough",
        publisher="Devdiscourse",
        published_on=datetime.date(2025, 6, 21),
    ),
    SourceData(
        PRAVDA_JUN,
        "[Ukrainska Pravda: Siarhei Tsikhanouski freed]",
        url="https://www.pravda.com.ua/eng/news/2025/06/22/7518228/",
        publisher="Ukrainska Pravda",
        published_on=datetime.date(2025, 6, 22),
    ),
)

US_BELARUS = ("US", "BY")

DEALS = (
    DealData(
        slug="2025-02-12-us-belarus",
        title="Three prisoners freed during a visit of US Deputy Assistant Secretary of State "
        "Chris Smith",
        announced_on=datetime.date(2025, 2, 12),
        announced_count=3,
        summary="Belarus freed three prisoners, among them one US citizen and RFE/RL journalist "
        "Andrey Kuznechyk, during a visit of US Deputy Assistant Secretary of State Chris Smith. "
        "They were taken to Lithuania.",
        parties=US_BELARUS,
        sources=(BABEL_FEB,),
        negotiators=(
            NegotiatorData("Chris Smith", "US Deputy Assistant Secretary of State", "US"),
        ),
    ),
    DealData(
        slug="2025-04-30-us-belarus",
        title="US citizen Youras Ziankovich freed",
        announced_on=datetime.date(2025, 4, 30),
        announced_count=1,
        summary="Belarus freed US citizen Youras Ziankovich, who was taken to Lithuania "
        "accompanied by US Deputy Assistant Secretary of State Chris Smith. The State Department "
        'said it was "not a prisoner exchange".',
        parties=US_BELARUS,
        sources=(PRAVDA_APR,),
        negotiators=(
            NegotiatorData("Chris Smith", "US Deputy Assistant Secretary of State", "US"),
        ),
    ),
    DealData(
        slug="2025-06-21-us-belarus",
        title="Fourteen prisoners freed during a visit of US envoy Keith Kellogg",
        announced_on=datetime.date(2025, 6, 21),
        announced_count=14,
        summary="Belarus freed 14 prisoners, among them Siarhei Tsikhanouski, during a visit of "
        "US envoy Keith Kellogg with John Coale. They were taken to Lithuania.",
        parties=US_BELARUS,
        sources=(MENAFN_JUN, BALTIC_TIMES_JUN),
        negotiators=(
            NegotiatorData("Keith Kellogg", "US envoy", "US"),
            # His title at the time is not in these sources.
            NegotiatorData("John Coale", "", "US"),
        ),
    ),
    DealData(
        slug="2025-09-11-us-belarus",
        title="52 prisoners freed as the US lifts sanctions on Belavia",
        announced_on=datetime.date(2025, 9, 11),
        announced_count=52,
        summary="Belarus freed 52 prisoners, 38 Belarusians and 14 foreigners (6 Lithuanian, "
        "2 Latvian, 2 Polish, 2 German, 1 French, 1 British), who were taken to Lithuania. The "
        "United States lifted sanctions on the airline Belavia (servicing, parts). Sources date "
        "the original Belavia sanctions differently: 2022 in one, August 2023 in others.",
        parties=US_BELARUS,
        sources=(KYIV_INDEPENDENT_SEP, NEWSER_SEP),
        concessions=(
            ConcessionData(
                "The United States lifts sanctions on the airline Belavia (servicing, parts).",
                "US",
                KYIV_INDEPENDENT_SEP,
            ),
        ),
        figures=tuple(
            FigureData(count, destination="LT", nationality=code, source=KYIV_INDEPENDENT_SEP)
            for code, count in (
                ("BY", 38),
                ("LT", 6),
                ("LV", 2),
                ("PL", 2),
                ("DE", 2),
                ("FR", 1),
                ("GB", 1),
            )
        ),
    ),
    DealData(
        slug="2025-11-22-us-belarus",
        title="31 Ukrainian citizens freed to Ukraine",
        announced_on=datetime.date(2025, 11, 22),
        announced_count=31,
        summary="Belarus freed 31 Ukrainian citizens, who were taken to Ukraine, "
        '"following agreements between Trump and Lukashenko".',
        parties=("US", "BY", "UA"),
        sources=(BABEL_NOV,),
        figures=(FigureData(31, destination="UA", nationality="UA", source=BABEL_NOV),),
    ),
    DealData(
        slug="2025-12-13-us-belarus",
        title="123 prisoners freed as the US lifts sanctions on Belarusian potash",
        announced_on=datetime.date(2025, 12, 13),
        announced_count=123,
        summary="Announced by US Special Envoy to Belarus John Coale after two days of talks with "
        "Alexander Lukashenko in Minsk: the United States lifts sanctions on Belarusian potash and "
        "Belarus releases 123 prisoners, among them Ales Bialiatski, Maria Kolesnikova and Viktor "
        "Babaryka. Sources disagree on how many were taken to Lithuania: eight according to "
        "Ukraine's military intelligence (HUR), nine according to Human Rights Watch and Reuters "
        "citing the US Embassy. Those freed included five Ukrainian nationals (President "
        "Zelenskyy) and citizens of Australia, the United Kingdom, Lithuania, Latvia, Japan, the "
        "United States and Poland (US Embassy, Polsat).",
        parties=US_BELARUS,
        sources=(SEED_ARTICLE, KYIV_INDEPENDENT_POST, HRW),
        negotiators=(
            NegotiatorData("John Coale", "US Special Envoy to Belarus", "US"),
            NegotiatorData("Alexander Lukashenko", "President of Belarus", "BY"),
        ),
        concessions=(
            ConcessionData(
                "The United States lifts sanctions on Belarusian potash (state producer "
                "Belaruskali, sanctioned in August 2021).",
                "US",
                SEED_ARTICLE,
            ),
        ),
        figures=(
            FigureData(
                114, "UA", reported_by="Ukraine's military intelligence (HUR)", source=SEED_ARTICLE
            ),
            FigureData(
                8, "LT", reported_by="Ukraine's military intelligence (HUR)", source=SEED_ARTICLE
            ),
            FigureData(
                9,
                "LT",
                reported_by="Human Rights Watch; Reuters, citing the US Embassy",
                source=HRW,
            ),
            # No publication for this figure is on record yet: it stays visibly unsourced.
            FigureData(104, "UA", "BY", reported_by="Ukrainian authorities"),
            FigureData(
                5,
                "UA",
                "UA",
                reported_by="Ukrainian authorities (President Zelenskyy)",
                source=SEED_ARTICLE,
            ),
        ),
    ),
    DealData(
        slug="2026-03-us-belarus",
        title="250 prisoners freed as the US eases sanctions on Belarusian banks and potash",
        # Reported on 20 Mar 2026; the day of the release is not confirmed.
        announced_on=datetime.date(2026, 3, 1),
        announced_on_precision="month",
        announced_count=250,
        summary="Reported 20 Mar 2026; the day of the release is not confirmed. Belarus freed "
        "250 prisoners: 235 inside Belarus and 15 taken to Lithuania. The United States eases "
        "sanctions on Belinvestbank, the Development Bank and the Ministry of Finance, and lifts "
        "the remaining sanctions on Belaruskali.",
        parties=US_BELARUS,
        sources=(REFORM_MAR, NARODNODELO_MAR),
        concessions=(
            ConcessionData(
                "The United States eases sanctions on Belinvestbank, the Development Bank and the "
                "Ministry of Finance.",
                "US",
                REFORM_MAR,
            ),
            ConcessionData(
                "The United States lifts the remaining sanctions on Belaruskali.", "US", REFORM_MAR
            ),
        ),
        figures=(
            FigureData(235, "BY", source=REFORM_MAR),
            FigureData(15, "LT", source=REFORM_MAR),
        ),
    ),
)


# Articles of the Criminal Code of Belarus that the sources cite for these people, each with one
# title per language in a source's words (a title records no source of its own; the source of
# each is named here). Article 356 is not here: no source read applies it to these people.
# Article 285 is not here either: only a mirror copy of a statement names it (Babaryka's initial
# case in June 2020), and no later source repeats it.
ARTICLES = (
    # en: Viasna (via foreignaffairs.co.nz, 14 Dec 2021); ru: silkway.news.
    ArticleData(
        "130", "3", (("en", "incitement to social hatred"), ("ru", "разжигание социальной вражды"))
    ),
    # en: Viasna (via foreignaffairs.co.nz, 14 Dec 2021); ru: silkway.news.
    ArticleData(
        "191",
        "2",
        (
            ("en", "obstruction of the Central Election Commission activities"),
            ("ru", "воспрепятствование работе ЦИК"),
        ),
    ),
    # en: FIDH, 16 July 2024.
    ArticleData("228", "4", (("en", "smuggling by an organised group"),)),
    # en: Viasna (via foreignaffairs.co.nz, 6 July 2021); ru: bb.lv, 4 Feb 2024.
    ArticleData(
        "235",
        "2",
        (
            ("en", "legalization of proceeds from crime"),
            ("ru", "легализация средств, полученных преступным путем"),
        ),
    ),
    # en: Right Livelihood, 3 Mar 2023; Viasna's database.
    ArticleData("243", "2", (("en", "tax evasion"),)),
    # en: Viasna (via foreignaffairs.co.nz, 14 Dec 2021); ru: silkway.news.
    ArticleData(
        "293",
        "1",
        (("en", "organization of mass riots"), ("ru", "организация массовых беспорядков")),
    ),
    # en: Viasna (via foreignaffairs.co.nz, 14 Dec 2021); ru: silkway.news.
    ArticleData(
        "342",
        "1",
        (
            ("en", "organization of actions that grossly violate public order"),
            ("ru", "организация действий, грубо нарушающих общественный порядок"),
        ),
    ),
    # en: Viasna's database (Uladzimir Labkovich).
    ArticleData(
        "342", "2", (("en", "Financing of group actions that grossly violate public order"),)
    ),
    # en: JURIST, Sept 2021.
    ArticleData(
        "357",
        "1",
        (
            (
                "en",
                "a conspiracy committed with the aim of seizing state power by unconstitutional "
                "means",
            ),
        ),
    ),
    # en: Belarusian Helsinki Committee, 11 Sept 2020.
    ArticleData(
        "361",
        "3",
        (
            (
                "en",
                "appeals to actions aimed at harming the national security of the Republic of "
                "Belarus",
            ),
        ),
    ),
    # en: Viasna's database (Andrei Kuznechyk); be and ru: Euroradio.
    ArticleData(
        "361-1",
        "1",
        (
            ("en", "Creation of an extremist formation, or participation in it"),
            ("be", "Стварэнне экстрэмісцкага фармавання або ўдзел у ім"),
            ("ru", "Создание экстремистского формирования или участие в нем"),
        ),
    ),
    # en: russianfreepress.com, 16 Jan 2023; Viasna.
    ArticleData(
        "411",
        "2",
        (
            (
                "en",
                "malicious disobedience to the requirements of the administration of a "
                "correctional institution, committed by a person convicted of a grave and "
                "especially grave crime",
            ),
        ),
    ),
    # en: Viasna (via foreignaffairs.co.nz, 6 July 2021); ru: bb.lv, 4 Feb 2024.
    ArticleData(
        "430",
        "3",
        (("en", "grand bribery"), ("ru", "получение взятки в особо крупном размере")),
    ),
)

PERSHAMAISKI = "pershamaiski"
LENINSKY = "leninsky"
MINSK_CITY = "minsk-city"
ZAVODSKI = "zavodski"
MINSK_REGIONAL = "minsk-regional"
MOGILEV_REGIONAL = "mogilev-regional"
GOMEL_REGIONAL = "gomel-regional"
KASTRYCHNITSKI = "kastrychnitski-mogilev"
ZHODINO = "zhodino"
SUPREME = "supreme"

# Courts, named as the sources name them. A locality only where the name or a source gives it.
COURTS = (
    CourtData(PERSHAMAISKI, "Pershamaiski District Court of Minsk", "Minsk"),
    CourtData(LENINSKY, "Leninsky District Court of Minsk", "Minsk"),
    CourtData(MINSK_CITY, "Minsk City Court", "Minsk"),
    CourtData(ZAVODSKI, "Zavodski District Court of Minsk", "Minsk"),
    CourtData(MINSK_REGIONAL, "Minsk Regional Court"),
    CourtData(MOGILEV_REGIONAL, "Mogilev Regional Court"),
    # It sat in pre-trial detention centre No. 3, Homiel (Belsat).
    CourtData(GOMEL_REGIONAL, "Gomel Regional Court", "Homiel"),
    CourtData(KASTRYCHNITSKI, "Kastrychnitski District Court of Mogilev", "Mogilev"),
    CourtData(ZHODINO, "Zhodino Town Court", "Zhodino"),
    CourtData(SUPREME, "Supreme Court of Belarus"),
)

SIZO_1 = "sizo-1-minsk"
KGB_SIZO = "kgb-sizo-minsk"
PRISON_8 = "prison-8-zhodino"
PRISON_4 = "prison-4-mogilev"
COLONY_1 = "colony-1-navapolatsk"
COLONY_2 = "colony-2-babruysk"
COLONY_3 = "colony-3-vitba"
COLONY_9 = "colony-9-horki"
COLONY_17 = "colony-17-shklou"
WOMENS_COLONY_4 = "womens-colony-4-homiel"

# Places of detention the sources name, with the other names they use. No source read gives a
# place's name in Belarusian or Russian, nor a postal address. The women's colony "on Antoshkina
# St, Gomel" where Maryna Zolatava was held is not recorded as a place: no source read says
# whether it is women's correctional colony No. 4, and no date of her move there is known.
PLACES = (
    PlaceData(
        SIZO_1,
        "pretrial",
        "Pre-trial detention centre No. 1",
        number="1",
        locality="Minsk",
        other_names=(
            PlaceNameData("SIZO No. 1", "en"),
            PlaceNameData("SIZO on Valadarskaha St", "en"),
        ),
        sources=(VIASNA_DB_KUZNECHYK, CHARTER97_2020, BAJ_ZOLATAVA, EURORADIO_AMBULANCE),
    ),
    PlaceData(
        KGB_SIZO,
        "pretrial",
        "KGB pre-trial detention centre",
        locality="Minsk",
        other_names=(PlaceNameData("Amerykanka"),),
        sources=(NKEU_BABARYKA, CNN_LONDONDAILY, CHARTER97_2025_EN),
    ),
    PlaceData(
        PRISON_8,
        "prison",
        "Prison No. 8",
        number="8",
        locality="Zhodino",
        other_names=(PlaceNameData("Zhodino prison No. 8", "en"),),
        sources=(ITTA_2023,),
    ),
    PlaceData(
        PRISON_4,
        "prison",
        "Prison No. 4",
        number="4",
        locality="Mogilev",
        other_names=(PlaceNameData("Mogilev prison", "en"),),
        sources=(VIASNA_DB_KUZNECHYK, NASHA_NIVA_319149, RFERL_MIRROR_2025),
    ),
    PlaceData(
        COLONY_1,
        "penal_colony",
        "Penal colony No. 1",
        number="1",
        locality="Navapolatsk",
        region="Viciebsk Region",
        sources=(POZIRK_46636, BELKORPUS, VIASNA_DB_KUZNECHYK),
    ),
    PlaceData(
        COLONY_2,
        "penal_colony",
        "Penal colony No. 2",
        number="2",
        locality="Babruysk",
        sources=(BELSAT_7229, VIASNA_50540, CHARTER97_2012),
    ),
    PlaceData(
        COLONY_3,
        "penal_colony",
        "Correctional colony No. 3",
        number="3",
        region="Viciebsk Region",
        other_names=(PlaceNameData("Vitba"),),
        sources=(DW_TIME_NEWS,),
    ),
    PlaceData(
        COLONY_9,
        "penal_colony",
        "Penal colony No. 9",
        number="9",
        locality="Horki",
        sources=(VIASNA_113737, DZIENNIK_2023),
    ),
    PlaceData(
        COLONY_17,
        "penal_colony",
        "Penal colony No. 17",
        number="17",
        locality="Shklou",
        sources=(LIBERECO, VIASNA_DB_LABKOVICH),
    ),
    PlaceData(
        WOMENS_COLONY_4,
        "womens_colony",
        "Women's correctional colony No. 4",
        number="4",
        locality="Homiel",
        other_names=(PlaceNameData("Gomel women's correctional colony No. 4", "en"),),
        sources=(DW_TIME_NEWS, DZIENNIK_2022),
    ),
)

DEC_13 = "2025-12-13-us-belarus"
DEC_13_ON = datetime.date(2025, 12, 13)
TO_UKRAINE_NOTE = (
    "Destination: Ales Bialiatski was taken to Lithuania (Human Rights Watch, Reuters) and most "
    "others to Ukraine; HUR reports 114 of the 123 taken to Ukraine. No source on record names "
    "this person's destination individually."
)
IN_THE_GROUP_NOTE = (
    "The article quoting the Kyiv Independent names {} in the group of which HUR reported 114 "
    "taken to Ukraine and eight to Lithuania. "
)
PARDONED_NOTE = "Lukashenko pardoned more than 120 people (Pul Pervogo, via Reuters). "
# Why those taken to Ukraine on 13 Dec 2025 are recorded as deported.
EXPELLED_NOTE = (
    'Meduza: Belarus freed 123 political prisoners, "then expelled most to Ukraine without '
    'passports". '
)
# The verdict of 6 Sept 2021 on Maria Kolesnikova and Maksim Znak, and its appeal.
COUP_CASE_CHARGES = "ч.1 ст.357, ч.3 ст.361, ч.1 ст.361-1 КК"
NEWS_BY_NOTE = (
    "news.by (state) reports 10 years for Kolesnikova and 11 for Znak; its own web address and "
    "every other source (tvr.by, ANSA, JURIST, ZN.ua, RBC) give 11 for her and 10 for him."
)
SUPREME_COURT_APPEAL = (
    "The judicial collegium for criminal cases of the Supreme Court left the verdict unchanged; "
    "it entered into force (ZN.ua; DW: end of December). Dziennik.pl: in January 2022."
)
# The verdict of 3 Mar 2023 on Ales Bialiatski and Uladzimir Labkovich.
VIASNA_CASE_NOTE = (
    "Upheld on appeal (FIDH, 2024; no date given). The Observatory's alert text dates the "
    "verdict 3 March 2022; the alert itself is dated 3 March 2023."
)
REPLACED_BY_SMUGGLING = datetime.date(2022, 9, 26)

# Organisations that recognise political prisoners; names in Belarusian and Russian as the
# organisations write them.
VIASNA = "viasna"
BHC = "belhelcom"
AMNESTY = "amnesty"
ORGANISATIONS = (
    OrganisationData(
        VIASNA,
        'Human Rights Centre "Viasna"',
        "https://spring96.org/en",
        country="BY",
        other_names=(
            ("be", "Праваабарончы цэнтр «Вясна»"),
            ("ru", "Правозащитный центр «Весна»"),
        ),
    ),
    OrganisationData(
        BHC,
        "Belarusian Helsinki Committee",
        "https://belhelcom.org/en",
        country="BY",
        other_names=(
            ("be", "Беларускі Хельсінкскі камітэт"),
            ("ru", "Белорусский Хельсинкский комитет"),
        ),
    ),
    OrganisationData(AMNESTY, "Amnesty International", "https://www.amnesty.org/en/"),
)

BHC_RECOGNITION = RecognitionData(
    BHC,
    datetime.date(2020, 9, 11),
    sources=(BHC_2020,),
    criteria="Political prisoner",
    statement_url="http://belhelcom.org/en/news/kalesnikava-znak-and-salei-are-new-political-"
    "prisoners",
)


PEOPLE = (
    PersonData(
        "Ales Bialiatski",
        other_names=native("Алесь Бяляцкі", "Алесь Беляцкий"),
        nationalities=("BY",),
        occupation="Nobel Peace Prize laureate (2022); chair of Viasna",
        sources=(SEED_ARTICLE, HRW),
        detentions=(
            DetentionData(
                datetime.date(2011, 8, 4),
                place="Minsk",
                charges_text="major tax evasion, article 243, part 2 of the Criminal Code",
                facility="Minsk SIZO on Valadarski St; Zhodzina from Dec 2011; Minsk SIZO No. 1; "
                "from 28 Feb 2012 Babruysk penal colony No. 2 (FIDH: No. 5)",
                sources=(UDF_2014, BELSAT_7229, RMF24_2011, EURORADIO_RELEASED),
                sentences=(
                    SentenceData(
                        court=PERSHAMAISKI,
                        judge="Syarhei Bandarenka",
                        verdict_on=datetime.date(2011, 11, 24),
                        term_months=years(4.5),
                        regime_as_stated='"medium security penal colony" (CIWR; Belsat, 2014); '
                        '"high-security prison" (Belsat); "więzienie o zaostrzonym rygorze" '
                        '(RMF24); "severe detention regime" (FIDH)',
                        as_stated="4.5 years with confiscation of property; damages of 721 "
                        "million roubles plus 36 million roubles state tax. Prosecutor Valery "
                        "Saikouski asked for 5 years (medium security: CIWR; reinforced or top "
                        "security: Euroradio). Euroradio dates the verdict 24 Oct 2011.",
                        sources=(
                            CIWR_2011,
                            EURORADIO_TRIAL,
                            UDF_2014,
                            DZIENNIK_2014,
                            BELSAT_20460,
                            BELSAT_7229,
                            RMF24_2011,
                            FREEALES_CONDITIONS,
                            EURORADIO_RELEASED,
                            VIASNA_52143,
                        ),
                    ),
                ),
                transfers=(
                    TransferData(
                        SIZO_1,
                        notes="The Minsk SIZO on Valadarski St (Belsat; Euroradio). Zhodzina, "
                        "from Dec 2011, is not recorded as a place: the sources read do not name "
                        "the facility; nor is the return to SIZO No. 1, whose date is not given.",
                        sources=(BELSAT_7229, EURORADIO_AMBULANCE),
                    ),
                    TransferData(
                        COLONY_2,
                        moved_on=datetime.date(2012, 2, 28),
                        notes="FIDH (Free Ales, Aug 2012) gives penal colony No. 5.",
                        sources=(VIASNA_50540, BELSAT_7229, CHARTER97_2012, FREEALES_2012),
                    ),
                ),
            ),
            DetentionData(
                datetime.date(2021, 7, 14),
                charges_text="Part 4 of Article 228, and Part 2 of Article 342 of the Criminal "
                "Code of Belarus",
                facility="SIZO No. 1, Minsk; from early May 2023 penal colony No. 9, Horki; in a "
                "cell-type room (PKT) from Nov 2023 for about 6 months",
                charges=(
                    ChargeData(
                        "243",
                        "2",
                        "tax evasion",
                        status="replaced",
                        status_on=REPLACED_BY_SMUGGLING,
                    ),
                ),
                sources=(
                    AMNESTY_2021,
                    AMNESTY_USA_2021,
                    OBSERVATORY_2023,
                    RIGHT_LIVELIHOOD_2023,
                    VIASNA_DB_LABKOVICH,
                    POZIRK_70859,
                    FIDH_2024,
                ),
                sentences=(
                    SentenceData(
                        court=LENINSKY,
                        judge="Maryna Zapasnik",
                        verdict_on=datetime.date(2023, 3, 3),
                        term_months=years(10),
                        regime_as_stated='"maximum-security penal colony" (CNN, citing TASS; '
                        "the only source read that gives the regime)",
                        fine_amount=Decimal("185000"),
                        fine_currency="BYN",
                        appeal_outcome="upheld",
                        as_stated="10 years; a fine of 185,000 BYN and a joint fine of 752,438 "
                        "BYN with co-defendants. Trial from 5 Jan 2023; prosecutor Aliaksandr "
                        "Karol. " + VIASNA_CASE_NOTE,
                        sources=(
                            OBSERVATORY_2023,
                            RIGHT_LIVELIHOOD_2023,
                            FIDH_2023,
                            FIDH_2024,
                            YAHOO_2023,
                            CNN_2023,
                        ),
                    ),
                ),
                transfers=(
                    TransferData(
                        SIZO_1,
                        moved_on=datetime.date(2021, 7, 17),
                        notes="Moved to pre-trial detention on 17 July 2021 (Amnesty "
                        "International USA); Pozirk names SIZO No. 1.",
                        sources=(AMNESTY_USA_2021, POZIRK_70859),
                    ),
                    TransferData(
                        COLONY_9,
                        moved_on=month_of(2023, 5),
                        moved_on_precision="month",
                        notes="From early May 2023.",
                        sources=(VIASNA_113737, DZIENNIK_2023),
                    ),
                ),
            ),
        ),
        releases=(
            ReleaseData(
                "",
                datetime.date(2014, 6, 21),
                "",
                ends_detention=datetime.date(2011, 8, 4),
                legal_basis="amnesty",
                movement="stayed",
                conditions="He had to report monthly to the police (Amnesty International).",
                notes="Freed on Saturday 21 June 2014 from the Babruisk colony under a prison "
                "amnesty for the 70th anniversary of liberation (Article 6 of the amnesty law, "
                "per Dziennik.pl), 1 year 8 months early.",
                sources=(AMNESTY_2014, DZIENNIK_2014, NWAONLINE_2014, UDF_2014),
            ),
            ReleaseData(
                DEC_13,
                DEC_13_ON,
                "LT",
                ends_detention=datetime.date(2021, 7, 14),
                legal_basis="pardon",
                # The sources say he was "taken to Lithuania"; none read calls it a deportation
                # or an expulsion, as Meduza does for those taken to Ukraine.
                movement="transferred",
                notes="Taken to Lithuania with eight others (Human Rights Watch; Reuters citing "
                "the US Embassy); 114 went to Ukraine. "
                + PARDONED_NOTE
                + "Viasna counts 1,613 days in custody. This detention began on 14 July 2021 in "
                'every source but one (UPI, via pefafa.com: "in detention since 2020"). Pre-trial '
                "detention: 17 months (Right Livelihood), almost 18 months (FIDH, 2024), or 14 "
                'months on "tax evasion" before the charge was requalified (Observatory; Yahoo '
                "News).",
                sources=(HRW, KENTUCKY_INSIDER, VICSUN, RFERL_GEORGIAN, PEFAFA_UPI),
            ),
        ),
    ),
    PersonData(
        "Maria Kolesnikova",
        other_names=(
            *native("Марыя Калеснікава", "Мария Колесникова"),
            NameData("Maryia Kalesnikava"),
        ),
        nationalities=("BY",),
        occupation="opposition leader",
        biography="Jailed after the disputed 2020 election.",
        sources=(SEED_ARTICLE, HRW),
        recognitions=(
            BHC_RECOGNITION,
            RecognitionData(
                AMNESTY,
                month_of(2020, 9),
                decided_on_precision="month",
                sources=(AMNESTY_KALESNIKAVA_2020,),
                criteria="Prisoner of conscience",
            ),
        ),
        detentions=(
            DetentionData(
                datetime.date(2020, 9, 7),
                place="On a street in central Minsk",
                charges_text=COUP_CASE_CHARGES,
                facility="GUBOPiK, then the KGB; temporary detention from 8 Sept 2020; from Jan "
                "2022 Gomel women's correctional colony No. 4; in hospital in Gomel from 28 Nov "
                "2022; a SIZO before release",
                sources=(
                    TVN24_2020,
                    BELSAT_PL_2021,
                    BHC_2020,
                    ZN_UA_APPEAL,
                    JURIST_2021,
                    DW_TIME_NEWS,
                    ZERKALO_2022,
                    HUMANRIGHTS_ONLINE,
                ),
                sentences=(
                    SentenceData(
                        court=MINSK_REGIONAL,
                        verdict_on=datetime.date(2021, 9, 6),
                        term_months=years(11),
                        regime="general",
                        regime_as_stated='"колония общего режима" (fn-volga, citing RBC); '
                        "general-regime colony (tvr.by)",
                        appeal_outcome="upheld",
                        as_stated="11 years in a general-regime colony; closed trial, with Maksim "
                        "Znak. " + NEWS_BY_NOTE,
                        sources=(
                            JURIST_2021,
                            ANSA_2021,
                            ZN_UA_APPEAL,
                            RBC_2021,
                            TVR_2021,
                            FN_VOLGA,
                            NEWS_BY,
                        ),
                    ),
                    SentenceData(
                        court=SUPREME,
                        verdict_on=datetime.date(2021, 12, 24),
                        stage="appeal",
                        term_months=years(11),
                        regime="general",
                        as_stated=SUPREME_COURT_APPEAL,
                        sources=(ZN_UA_APPEAL, DW_TIME_NEWS, DZIENNIK_2022),
                    ),
                ),
                transfers=(
                    TransferData(
                        WOMENS_COLONY_4,
                        moved_on=datetime.date(2022, 1, 11),
                        notes="The date Viasna reported the transfer (Tuesday 11 Jan 2022); the "
                        "day of the move itself is not given.",
                        sources=(DW_TIME_NEWS, DZIENNIK_2022),
                    ),
                ),
            ),
        ),
        releases=(
            ReleaseData(
                DEC_13,
                DEC_13_ON,
                "UA",
                ends_detention=datetime.date(2020, 9, 7),
                legal_basis="pardon",
                movement="deported",
                notes=IN_THE_GROUP_NOTE.format("her")
                + PARDONED_NOTE
                + "Taken to Ukraine, which humanrights-online.org describes as effective "
                "deportation. "
                + EXPELLED_NOTE
                + "1,808 days in prison; a press conference in Chernihiv on 14 Dec 2025. "
                "This detention: abducted on 7 Sept 2020 (TVN24, Belsat, Belarusian Helsinki "
                'Committee); Wyborcza ("zatrzymana 9 września") and the Helsinki Committee give '
                "9 Sept, the formal arrest; Belsat says temporary detention began on the 8th.",
                sources=(
                    SEED_ARTICLE,
                    HRW,
                    HUMANRIGHTS_ONLINE,
                    VICSUN,
                    MEDUZA_2025,
                    WYBORCZA_2020,
                    BELSAT_PL_2021,
                ),
            ),
        ),
    ),
    PersonData(
        "Viktor Babaryka",
        other_names=(
            *native("Віктар Бабарыка", "Виктор Бабарико"),
            NameData("Viktar Babaryka"),
        ),
        nationalities=("BY",),
        occupation="former presidential candidate",
        biography="Jailed after the disputed 2020 election.",
        sources=(SEED_ARTICLE, HRW),
        detentions=(
            DetentionData(
                datetime.date(2020, 6, 18),
                place="On the way to the Central Election Commission to hand in signatures, "
                "with his son Eduard",
                charges_text="Part 3 Article 430 (grand bribery), Part 2 Article 235 "
                "(legalization of proceeds from crime)",
                facility="KGB pre-trial prison (Amerykanka); SIZO No. 1, Minsk (there on 9 July "
                "2021); penal colony No. 1, Navapolatsk, Viciebsk region; in hospital on the "
                "night of 24/25 April 2023",
                sources=(NKEU_BABARYKA, BELSAT_EDUARD, VIASNA_98021, BB_LV_2024),
                sentences=(
                    SentenceData(
                        court=SUPREME,
                        judge="Ihar Liubavitski",
                        verdict_on=datetime.date(2021, 7, 6),
                        term_months=years(14),
                        regime="reinforced",
                        regime_as_stated='"колонії посиленого режиму" (ZN.ua); "verschärften '
                        'Regimes", "medium-security", "segurança máxima" (Voice of Belarus); '
                        '"najprísnejším stupňom stráženia" (Pluska)',
                        fine_amount=Decimal("145000"),
                        fine_currency="BYN",
                        as_stated="14 years; a fine of 145,000 BYN (5,000 base units); 46 "
                        "million BYN for damages (Gazeta Prawna: 47 million); barred from "
                        "managerial posts. Pronounced at the Maskouski District Court of Minsk "
                        "(Viasna). Not subject to appeal. Gazeta Prawna and Pluska also name a "
                        "criminal-group charge.",
                        sources=(
                            NKEU_BABARYKA,
                            VOICE_BABARYKA,
                            GAZETA_PRAWNA,
                            ZN_UA_BABARYKA,
                            ALTUSINTEL,
                            PLUSKA,
                        ),
                    ),
                ),
                transfers=(
                    TransferData(
                        KGB_SIZO,
                        notes="The first place the sources name; the day he was taken there is "
                        "not given.",
                        sources=(NKEU_BABARYKA, BELSAT_EDUARD),
                    ),
                    TransferData(
                        SIZO_1,
                        moved_on=datetime.date(2021, 7, 9),
                        notes="Belsat reports him still there on 9 July 2021; the day of the "
                        "move is not given. The later move to penal colony No. 1, Navapolatsk, "
                        "is not recorded: no source read dates it.",
                        sources=(BELSAT_TAG_PRISON, POZIRK_46636, BELKORPUS),
                    ),
                ),
            ),
        ),
        releases=(
            ReleaseData(
                DEC_13,
                DEC_13_ON,
                "UA",
                ends_detention=datetime.date(2020, 6, 18),
                legal_basis="pardon",
                movement="deported",
                notes=IN_THE_GROUP_NOTE.format("him")
                + PARDONED_NOTE
                + "Taken to Ukraine (Meduza); a press conference in Chernihiv on 14 Dec 2025. "
                + EXPELLED_NOTE,
                sources=(SEED_ARTICLE, HRW, MEDUZA_2025, VICSUN),
            ),
        ),
    ),
    PersonData(
        "Maksim Znak",
        other_names=native("Максім Знак", "Максим Знак"),
        nationalities=("BY",),
        sources=(HRW,),
        recognitions=(BHC_RECOGNITION,),
        detentions=(
            DetentionData(
                datetime.date(2020, 9, 9),
                place="Minsk, at the Coordination Council office / Babaryka's headquarters",
                charges_text=COUP_CASE_CHARGES,
                facility="Correctional colony No. 3 (Vitba), Vitebsk (Viciebsk) region, from "
                "Jan 2022",
                sources=(
                    BELSAT_ZNAK,
                    NATIONAL_POST_2020,
                    LA_TIMES_2020,
                    BHC_2020,
                    ZN_UA_APPEAL,
                    JURIST_2021,
                ),
                sentences=(
                    SentenceData(
                        court=MINSK_REGIONAL,
                        verdict_on=datetime.date(2021, 9, 6),
                        term_months=years(10),
                        regime="reinforced",
                        regime_as_stated='"reinforced regime colony" (tvr.by); "усиленного '
                        'режима" (fn-volga, citing RBC); "medium-security" (news.by); "maximum '
                        'security colony" (manchikoni.com)',
                        appeal_outcome="upheld",
                        as_stated="10 years in a reinforced regime colony; closed trial, with "
                        "Maria Kolesnikova. " + NEWS_BY_NOTE,
                        sources=(
                            JURIST_2021,
                            ZN_UA_APPEAL,
                            TVR_2021,
                            FN_VOLGA,
                            NEWS_BY,
                            MANCHIKONI,
                        ),
                    ),
                    SentenceData(
                        court=SUPREME,
                        verdict_on=datetime.date(2021, 12, 24),
                        stage="appeal",
                        term_months=years(10),
                        regime="reinforced",
                        as_stated=SUPREME_COURT_APPEAL,
                        sources=(ZN_UA_APPEAL, DW_TIME_NEWS, DZIENNIK_2022),
                    ),
                ),
                transfers=(
                    TransferData(
                        COLONY_3,
                        moved_on=month_of(2022, 1),
                        moved_on_precision="month",
                        sources=(DW_TIME_NEWS,),
                    ),
                ),
            ),
        ),
        releases=(
            ReleaseData(
                DEC_13,
                DEC_13_ON,
                "UA",
                ends_detention=datetime.date(2020, 9, 9),
                legal_basis="pardon",
                movement="deported",
                notes="Pardoned (Viasna's list, via RFE/RL); seen at the Ukrainian border with "
                "Maria Kolesnikova and Viktor Babaryka (RFE/RL). "
                + EXPELLED_NOTE
                + "Destination: no source read says in so many words that he was taken to "
                "Ukraine; HUR reports 114 of the 123 taken there.",
                sources=(HRW, RFERL_GEORGIAN, KENTUCKY_INSIDER, MEDUZA_2025),
            ),
        ),
    ),
    PersonData(
        "Uladzimir Labkovich",
        other_names=native("Уладзімір Лабковіч", "Владимир Лобкович"),
        nationalities=("BY",),
        sources=(HRW,),
        external_ids=(
            ExternalIdData(
                "viasna",
                "uladzimir-labkovicz",
                "https://prisoners.spring96.org/en/person/uladzimir-labkovicz",
            ),
        ),
        detentions=(
            DetentionData(
                datetime.date(2021, 7, 14),
                # Viasna's database gives Art. 228 and Part 2 of Art. 342; the Observatory
                # gives the part of Art. 228.
                charges_text="Part 4 of Art. 228 (smuggling), Part 2 of Art. 342 (financing of "
                "group actions that grossly violate public order)",
                facility="SIZO No. 1, Minsk; penal colony No. 17, Shklou; later Mogilev prison; "
                "from Sept 2025 the KGB SIZO",
                charges=(
                    ChargeData(
                        "243",
                        "2",
                        "tax evasion",
                        status="replaced",
                        status_on=REPLACED_BY_SMUGGLING,
                    ),
                ),
                sources=(
                    VIASNA_DB_LABKOVICH,
                    AMNESTY_USA_2021,
                    NKEU_LABKOVICH,
                    OBSERVATORY_2023,
                    LIBERECO,
                    NASHA_NIVA_319149,
                ),
                sentences=(
                    SentenceData(
                        court=LENINSKY,
                        judge="Maryna Zapasnik",
                        verdict_on=datetime.date(2023, 3, 3),
                        term_months=years(7),
                        regime_as_stated='"imprisonment in a medium-security penal colony" '
                        "(Viasna)",
                        fine_amount=Decimal("111000"),
                        fine_currency="BYN",
                        appeal_outcome="upheld",
                        as_stated="7 years; a fine of 111,000 BYN and a joint fine of 752,438 BYN "
                        "with co-defendants. " + VIASNA_CASE_NOTE,
                        sources=(VIASNA_DB_LABKOVICH, OBSERVATORY_2023, FIDH_2024),
                    ),
                ),
                transfers=(
                    TransferData(
                        SIZO_1,
                        moved_on=datetime.date(2021, 7, 17),
                        notes="In pre-trial detention from 17 July 2021 (Viasna). The later "
                        "places (penal colony No. 17, Shklou; Mogilev prison) are not recorded "
                        "as custody: no source read dates the moves.",
                        sources=(VIASNA_DB_LABKOVICH, AMNESTY_USA_2021, LIBERECO),
                    ),
                    TransferData(
                        KGB_SIZO,
                        moved_on=month_of(2025, 9),
                        moved_on_precision="month",
                        notes="In his own words (Charter97).",
                        sources=(CHARTER97_2025_EN,),
                    ),
                ),
            ),
        ),
        releases=(
            ReleaseData(
                DEC_13,
                DEC_13_ON,
                "UA",
                ends_detention=datetime.date(2021, 7, 14),
                legal_basis="pardon",
                movement="deported",
                documents_withheld=True,
                notes="Taken to Ukraine without a passport, with only an A4 release certificate "
                "(Charter97; AP). " + PARDONED_NOTE + EXPELLED_NOTE,
                sources=(
                    HRW,
                    CHARTER97_2025_EN,
                    CHARTER97_2025_RU,
                    CHASA_2025,
                    VICSUN,
                    MEDUZA_2025,
                ),
            ),
        ),
    ),
    PersonData(
        "Maryna Zolatava",
        other_names=native("Марына Золатава", "Марина Золотова"),
        nationalities=("BY",),
        occupation="editor of TUT.by",
        sources=(HRW,),
        # Her detention of 7 Aug 2018 is left out: a wiki mirror is its only source.
        sentences=(
            SentenceData(
                court=ZAVODSKI,
                judge="Alexander Petrash",
                verdict_on=datetime.date(2019, 3, 4),
                kind="fine",
                fine_amount=Decimal("7650"),
                fine_currency="BYN",
                as_stated='Guilty of "dereliction of duty" (the article is not given): a fine of '
                "300 base values (7,650 BYN) plus 6,000 BYN costs to BelTA.",
                sources=(BAJ_2019,),
            ),
        ),
        detentions=(
            DetentionData(
                datetime.date(2021, 5, 18),
                # Interfax, citing the Prosecutor General's Office; BAJ adds Part 2 of Art. 243
                # (see the sentence).
                charges_text="Part 3 of Art. 361 and Part 3 of Art. 130",
                facility="Akrescina for 3 days; from 21 May 2021 the SIZO on Valadarskaha St, "
                "Minsk; the women's colony on Antoshkina St, Gomel (Homiel)",
                sources=(BAJ_ZOLATAVA, UDF_NAME_TUTBY, INTERFAX_2023, PRESS_CLUB_2023),
                sentences=(
                    SentenceData(
                        court=MINSK_CITY,
                        judge="Valiantsina Ziankevich",
                        verdict_on=datetime.date(2023, 3, 17),
                        term_months=years(12),
                        regime_as_stated='"standard security penal colony" (Interfax)',
                        as_stated="12 years; closed trial from 9 Jan 2023; prosecutor Tatsiana "
                        "Hrakun. BAJ adds Part 2 of Art. 243 (grand tax evasion); Interfax, "
                        "citing the Prosecutor General's Office, gives it to co-defendant "
                        "Chekina only; CPJ and RSF mention only incitement and national security.",
                        sources=(BAJ_ZOLATAVA, BAJ_2023, INTERFAX_2023, BABEL_2023, CPJ_2025),
                    ),
                ),
                transfers=(
                    TransferData(
                        SIZO_1,
                        moved_on=datetime.date(2021, 5, 21),
                        notes='"The SIZO on Valadarskaha St" (BAJ; BelaPAN), after 3 days at '
                        "Akrescina. Her later colony is not recorded as custody: no source read "
                        "dates the move.",
                        sources=(BAJ_ZOLATAVA, UDF_NAME_TUTBY),
                    ),
                ),
            ),
        ),
        releases=(
            ReleaseData(
                DEC_13,
                DEC_13_ON,
                "UA",
                ends_detention=datetime.date(2021, 5, 18),
                legal_basis="pardon",
                movement="deported",
                notes="All those freed were pardoned (CPJ); RSF: deported, mainly to Ukraine. "
                + TO_UKRAINE_NOTE,
                sources=(HRW, CPJ_2025, RSF_2025),
            ),
        ),
    ),
    PersonData(
        "Andrey Kuznechyk",
        occupation="RFE/RL journalist",
        sources=(BABEL_FEB,),
        external_ids=(
            ExternalIdData(
                "viasna",
                "andrei-kuzneczyk",
                "https://prisoners.spring96.org/en/person/andrei-kuzneczyk",
            ),
        ),
        detentions=(
            DetentionData(
                datetime.date(2021, 11, 25),
                place="Minsk, near his home (out cycling)",
                charges_text="ч. 1 арт. 361-1 КК",
                facility="Akrestsina; from 23 Dec 2021 SIZO No. 1 on Valadarskaha St (BAJ: the "
                "KGB detention centre on Valadarskaha Street); from about 12 May 2022 Mogilev "
                "prison No. 4; penal colony No. 1, Navapolatsk",
                sources=(
                    VIASNA_DB_KUZNECHYK,
                    PARADISE_RFERL,
                    EURORADIO_KUZNECHYK_BE,
                    EURORADIO_KUZNECHYK_RU,
                    BAJ_KUZNECHYK,
                ),
                sentences=(
                    SentenceData(
                        court=ZAVODSKI,
                        verdict_on=datetime.date(2021, 11, 26),
                        kind="administrative_arrest",
                        as_stated="10 days of administrative detention.",
                        sources=(VIASNA_DB_KUZNECHYK,),
                    ),
                    SentenceData(
                        verdict_on=datetime.date(2021, 12, 5),
                        kind="administrative_arrest",
                        as_stated="Another 10 days. Not released on 15 Dec; a criminal case "
                        "was reported on 23 Dec 2021.",
                        sources=(VIASNA_DB_KUZNECHYK,),
                    ),
                    SentenceData(
                        court=MOGILEV_REGIONAL,
                        judge="Ihar Shvedau",
                        verdict_on=datetime.date(2022, 6, 8),
                        term_months=years(6),
                        regime="reinforced",
                        regime_as_stated='"калоніі ўзмоцненага рэжыму" (Euroradio); '
                        '"medium-security" (Viasna, IPI); "high-security" (BAJ); "maximum '
                        'security prison" (txtreport); "strogim obezbeđenjem" (VOA)',
                        appeal_outcome="upheld",
                        as_stated="6 years; a closed one-day trial.",
                        sources=(
                            VIASNA_DB_KUZNECHYK,
                            EURORADIO_KUZNECHYK_BE,
                            IPI_71441,
                            BAJ_KUZNECHYK,
                            VOA_SERBIAN,
                        ),
                    ),
                    SentenceData(
                        court=SUPREME,
                        stage="appeal",
                        term_months=years(6),
                        regime="reinforced",
                        as_stated="The Supreme Court left the verdict unchanged (reported on 12 "
                        "Aug 2022; the date of the decision is not given).",
                        sources=(TXTREPORT_2022,),
                    ),
                ),
                transfers=(
                    TransferData(
                        SIZO_1,
                        moved_on=datetime.date(2021, 12, 23),
                        notes='Viasna: "pre-trial detention center no. 1 on Valadarskaha"; BAJ: '
                        '"KGB detention center on Valadarskaha Street".',
                        sources=(VIASNA_DB_KUZNECHYK, BAJ_KUZNECHYK),
                    ),
                    TransferData(
                        PRISON_4,
                        moved_on=month_of(2022, 5),
                        moved_on_precision="month",
                        notes="From about 12 May 2022. The later move to penal colony No. 1, "
                        "Navapolatsk, is not recorded: no source read dates it.",
                        sources=(VIASNA_DB_KUZNECHYK, TXTREPORT_2022),
                    ),
                ),
            ),
        ),
        releases=(
            ReleaseData(
                "2025-02-12-us-belarus",
                datetime.date(2025, 2, 12),
                "LT",
                ends_detention=datetime.date(2021, 11, 25),
                movement="transferred",
                notes="Freed with Alena Maushuk and a US citizen and taken to Vilnius (VOA; AP). "
                "US envoy Boehler called the release unilateral. No source read states its "
                "legal ground.",
                sources=(BABEL_FEB, VOA_2025, MYNORTHWEST_2025),
            ),
        ),
    ),
    PersonData(
        "Youras Ziankovich",
        nationalities=("US",),
        sources=(PRAVDA_APR,),
        detentions=(
            DetentionData(
                # His wife last spoke to him on 11 April, "hours before he was detained"; no
                # source read gives the day.
                month_of(2021, 4),
                detained_on_precision="month",
                place="Moscow, by the FSB with the Belarusian KGB: outside the Nordic Rooms hotel, "
                "Ostankino (his wife, via CNN), or at a restaurant (The Moscow Times)",
                charges_text="ч.1 ст. 357 УК; создание экстремистского формирования и руководство "
                "им; публичные призывы к захвату государственной власти; разжигание социальной "
                "розни",
                facility="KGB pre-trial detention centre, Minsk; Mahilyou (Mogilev) prison",
                sources=(
                    CNN_LONDONDAILY,
                    MOSCOW_TIMES_2024,
                    KRESY_2022,
                    RBC_2022,
                    EURORADIO_2022,
                    RFERL_MIRROR_2025,
                ),
                sentences=(
                    SentenceData(
                        court=MINSK_REGIONAL,
                        verdict_on=datetime.date(2022, 9, 5),
                        term_months=years(11),
                        regime="reinforced",
                        regime_as_stated='"колонии усиленного режима" (Euroradio, RBC); '
                        '"high-security prison" (RFE/RL)',
                        as_stated="11 years; trial from late July 2022. He pleaded guilty and "
                        "made a deal with investigators.",
                        sources=(RFERL_AMN_2022, RBC_2022, EURORADIO_2022, RFERL_MIRROR_2025),
                    ),
                    SentenceData(
                        verdict_on=datetime.date(2022, 1, 1),
                        verdict_on_precision="year",
                        stage="additional",
                        term_months=6,
                        as_stated="6 months added in 2022, for online comments.",
                        sources=(RFERL_MIRROR_2025, USLIVE_AP),
                    ),
                    SentenceData(
                        verdict_on=month_of(2024, 8),
                        verdict_on_precision="month",
                        stage="additional",
                        term_months=years(2),
                        as_stated='2 years added in Aug 2024 for "malicious disobedience to the '
                        'prison administration"; 13.5 years in total.',
                        sources=(RFERL_MIRROR_2025, USLIVE_AP),
                    ),
                ),
                transfers=(
                    TransferData(
                        KGB_SIZO,
                        notes="Driven from Moscow to Minsk. The later move to Mahilyou "
                        "(Mogilev) prison is not recorded: no source read dates it.",
                        sources=(CNN_LONDONDAILY,),
                    ),
                ),
            ),
        ),
        releases=(
            ReleaseData(
                "2025-04-30-us-belarus",
                datetime.date(2025, 4, 30),
                "LT",
                ends_detention=month_of(2021, 4),
                movement="transferred",
                notes="Announced on 30 Apr 2025 by Rubio; taken to Lithuania accompanied by US "
                'officials. The State Department said it was "not a prisoner exchange"; '
                "Lukashenko's press secretary said he was freed at the request of the US "
                "administration. No source read states the legal ground. His wife counted "
                "1,480 days. Driven from Moscow to Minsk in 2021: more than 700 km (435 miles) "
                "according to CNN, more than 400 miles according to UPI.",
                sources=(PRAVDA_APR, MOSCOW_TIMES_2025, UPI_2025, CNN_LONDONDAILY),
            ),
        ),
    ),
    PersonData(
        "Siarhei Tsikhanouski",
        sources=(MENAFN_JUN, BALTIC_TIMES_JUN),
        detentions=(
            DetentionData(
                datetime.date(2020, 5, 29),
                place="Hrodna (Grodno), at a signature-collection picket for Sviatlana "
                "Tsikhanouskaya's nomination",
                charges_text="Part 1 of Art. 293 (organization of mass riots); Part 3 of Art. 130 "
                "(incitement to social hatred); Part 2 of Art. 191 (obstruction of the Central "
                "Election Commission activities); Part 1 of Art. 342 (organization of actions "
                "that grossly violate public order)",
                facility="SIZO No. 1 (Valadarski St, Minsk), then Zhodzina SIZO; about a month in "
                "a colony; prison regime from Aug 2022, in Prison No. 8, Zhodino",
                charges=(ChargeData("411", "2", "part two Article 411"),),
                sources=(
                    VIASNA_115390,
                    CSCE_TSIKHANOUSKI,
                    VIASNA_98021,
                    CHARTER97_2020,
                    NKEU_TSIKHANOUSKI,
                    SILKWAY,
                    CMIO_2023,
                    RUSSIANFREEPRESS_2023,
                    VIASNA_113225,
                ),
                sentences=(
                    SentenceData(
                        court=GOMEL_REGIONAL,
                        judge="Mikalai Dolya",
                        verdict_on=datetime.date(2021, 12, 14),
                        term_months=years(18),
                        regime="reinforced",
                        regime_as_stated='"колонии усиленного режима" (BelTA); "high-security" '
                        '(Viasna); "medium security" (Belsat); "maximum security" (Voice of '
                        'Belarus); "zaostrzonym reżimie" (Kresy)',
                        appeal_outcome="upheld",
                        as_stated="18 years. A closed 173-day trial from 24 June 2021, in pre-"
                        "trial detention centre No. 3, Homiel; Judge Mikalai Dolya replaced "
                        "Mikalai Bakunou. Civil suit of the Prosecutor General's Office: 3.078 "
                        "million rubles (joint).",
                        sources=(
                            BELSAT_2021_TSIKHANOUSKI,
                            RFERL_2021,
                            NKEU_TSIKHANOUSKI,
                            SEGODNYA_2021,
                            KRESY_2021,
                        ),
                    ),
                    SentenceData(
                        court=SUPREME,
                        verdict_on=datetime.date(2022, 6, 1),
                        stage="appeal",
                        term_months=years(18),
                        regime="reinforced",
                        as_stated="The judicial collegium for criminal cases of the Supreme Court "
                        "left the verdict unchanged.",
                        sources=(RFERL_2022, SILKWAY),
                    ),
                    SentenceData(
                        court=KASTRYCHNITSKI,
                        judge="Zhanna Pushkina",
                        verdict_on=month_of(2022, 8),
                        verdict_on_precision="month",
                        stage="other",
                        regime="prison",
                        as_stated="After about a month in a colony, transferred to prison regime "
                        "for 3 years.",
                        sources=(ITTA_2023, MOTOLKO),
                    ),
                    SentenceData(
                        court=ZHODINO,
                        verdict_on=datetime.date(2023, 2, 27),
                        stage="additional",
                        term_months=18,
                        as_stated='1 year 6 months under "part two Article 411". In all "a 19 ½ '
                        "year sentence\" (US Helsinki Commission); the Prosecutor General's "
                        "Office gave the remaining term as 15 years 9 months 5 days.",
                        sources=(ITTA_2023, VOICE_TSIKHANOUSKI, CSCE_TSIKHANOUSKI),
                    ),
                ),
                transfers=(
                    TransferData(
                        SIZO_1,
                        notes="The first place the sources name; the day he was taken there is "
                        "not given. Zhodzina SIZO and the colony are not recorded as custody: no "
                        "source read dates the moves, nor names the colony.",
                        sources=(CHARTER97_2020,),
                    ),
                    TransferData(
                        PRISON_8,
                        moved_on=month_of(2022, 8),
                        moved_on_precision="month",
                        notes="Transferred to prison regime in Aug 2022; Interfax places him in "
                        "Prison No. 8, Zhodino (Feb 2023). The day he arrived is not given.",
                        sources=(ITTA_2023, MOTOLKO),
                    ),
                ),
            ),
        ),
        releases=(
            ReleaseData(
                "2025-06-21-us-belarus",
                datetime.date(2025, 6, 21),
                "LT",
                ends_detention=datetime.date(2020, 5, 29),
                legal_basis="pardon",
                movement="transferred",
                notes='Pardoned by Lukashenko "at the request of the US president", "solely for '
                'humanitarian reasons, to reunite the family" (Eismont, via TASS). One of 14; '
                "relocated to Lithuania after Keith Kellogg's visit.",
                sources=(MENAFN_JUN, BALTIC_TIMES_JUN, TASS_2025, DEVDISCOURSE_2025, PRAVDA_JUN),
            ),
        ),
    ),
)
