"""The demonstration data: real, published facts about US-brokered releases from Belarus.

Only facts that a named source states are here; nothing is invented. Where the title of a report is
not known, the title is a description in square brackets. Where sources disagree (how many were
taken to Lithuania on 13 Dec 2025), both figures are kept, each with its source.

``releases.services.load_demo`` writes these records; running it again changes nothing.
"""

import datetime
from dataclasses import dataclass

# Keys of the sources below, used to cite them from deals, figures, people and releases.
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
class ReleaseData:
    deal: str
    released_on: datetime.date
    destination: str
    sources: tuple[str, ...]
    kind: str = "exchange"
    notes: str = ""


@dataclass(frozen=True)
class PersonData:
    display_name: str
    sources: tuple[str, ...]
    release: ReleaseData
    other_names: tuple[NameData, ...] = ()
    nationalities: tuple[str, ...] = ()
    occupation: str = ""
    biography: str = ""


def native(belarusian, russian):
    """A person's name in Belarusian and in Russian, both in Cyrillic."""
    return (
        NameData(belarusian, script="Cyrl", language="be", kind="native"),
        NameData(russian, script="Cyrl", language="ru", kind="native"),
    )


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

PEOPLE = (
    PersonData(
        "Ales Bialiatski",
        other_names=native("Алесь Бяляцкі", "Алесь Беляцкий"),
        nationalities=("BY",),
        occupation="Nobel Peace Prize laureate (2022); chair of Viasna",
        sources=(SEED_ARTICLE, HRW),
        release=ReleaseData(
            DEC_13,
            DEC_13_ON,
            "LT",
            sources=(HRW,),
            notes="Taken to Lithuania with eight others (Human Rights Watch; Reuters citing the "
            "US Embassy).",
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
        release=ReleaseData(
            DEC_13,
            DEC_13_ON,
            "UA",
            sources=(SEED_ARTICLE, HRW),
            notes=IN_THE_GROUP_NOTE.format("her") + TO_UKRAINE_NOTE,
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
        release=ReleaseData(
            DEC_13,
            DEC_13_ON,
            "UA",
            sources=(SEED_ARTICLE, HRW),
            notes=IN_THE_GROUP_NOTE.format("him") + TO_UKRAINE_NOTE,
        ),
    ),
    PersonData(
        "Maksim Znak",
        other_names=native("Максім Знак", "Максим Знак"),
        nationalities=("BY",),
        sources=(HRW,),
        release=ReleaseData(DEC_13, DEC_13_ON, "UA", sources=(HRW,), notes=TO_UKRAINE_NOTE),
    ),
    PersonData(
        "Uladzimir Labkovich",
        other_names=native("Уладзімір Лабковіч", "Владимир Лобкович"),
        nationalities=("BY",),
        sources=(HRW,),
        release=ReleaseData(DEC_13, DEC_13_ON, "UA", sources=(HRW,), notes=TO_UKRAINE_NOTE),
    ),
    PersonData(
        "Maryna Zolatava",
        other_names=native("Марына Золатава", "Марина Золотова"),
        nationalities=("BY",),
        occupation="editor of TUT.by",
        sources=(HRW,),
        release=ReleaseData(DEC_13, DEC_13_ON, "UA", sources=(HRW,), notes=TO_UKRAINE_NOTE),
    ),
    PersonData(
        "Andrey Kuznechyk",
        occupation="RFE/RL journalist",
        sources=(BABEL_FEB,),
        release=ReleaseData(
            "2025-02-12-us-belarus", datetime.date(2025, 2, 12), "LT", sources=(BABEL_FEB,)
        ),
    ),
    PersonData(
        "Youras Ziankovich",
        nationalities=("US",),
        sources=(PRAVDA_APR,),
        release=ReleaseData(
            "2025-04-30-us-belarus",
            datetime.date(2025, 4, 30),
            "LT",
            sources=(PRAVDA_APR,),
            notes='Negotiated release; the State Department said it was "not a prisoner exchange".',
        ),
    ),
    PersonData(
        "Siarhei Tsikhanouski",
        sources=(MENAFN_JUN, BALTIC_TIMES_JUN),
        release=ReleaseData(
            "2025-06-21-us-belarus",
            datetime.date(2025, 6, 21),
            "LT",
            sources=(MENAFN_JUN, BALTIC_TIMES_JUN),
        ),
    ),
)
