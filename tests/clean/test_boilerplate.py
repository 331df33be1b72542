"""Line rules on real page furniture and real article sentences.

The furniture comes from the five seed articles (examples/syria-talks), from the Multi-News
validation sample (../shared/data/multinews) and from the article extraction benchmark
(../shared/data/article_extraction); the strings are copied here verbatim so the tests run
without the shared data.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dossier.clean.boilerplate import LineContext, classify
from dossier.clean.text import normalise_line
from tests.conftest import SEEDS

# An English article, as the seeds are: a little Arabic from the site's template.
BODY = LineContext(
    in_header=False, script="Latin", title="Russia, US to launch new Syria peace talks",
    script_shares={"Latin": 0.977, "Arabic": 0.023},
)  # fmt: skip
HEADER = LineContext(
    in_header=True, script=BODY.script, title=BODY.title, script_shares=BODY.script_shares
)


def context(script: str, shares: dict[str, float], in_header: bool = False) -> LineContext:
    return LineContext(in_header=in_header, script=script, title="T", script_shares=shares)


# --- (a) furniture in the seed articles ------------------------------------------------

SEED_FURNITURE = [
    # (line, reason, metadata it carries)
    ("• 12/16/2017", "share counter", {"published": dt.date(2017, 12, 16)}),
    ("• 00:00", "share counter", {}),
    ("• 11", "share counter", {}),
    ("• 0", "share counter", {}),
    ("Leave a Reply", "comment form", {}),
    ("Your email address will not be published. Required fields are marked *", "comment form", {}),
    ("4 × 2 =", "captcha", {}),
    (
        'You may use these HTML tags and attributes: <a href="" title=""> <abbr title=""> '
        '<acronym title=""> <b> <blockquote cite=""> <cite> <code> <del datetime=""> <em> <i> '
        '<q cite=""> <strike> <strong>',
        "comment form",
        {},
    ),
    ("Related Items", "site navigation", {}),
    ("التعليقات (0)", "site text in another script (Arabic)", {}),
    ("الأكثر قراءة", "site text in another script (Arabic)", {}),
    ("💡 أهم المواضيع", "site text in another script (Arabic)", {}),
    ("✨ أهم التصنيفات", "site text in another script (Arabic)", {}),
    ("مشاركة :", "site text in another script (Arabic)", {}),
    (
        "Secretary of State John Kerry talks to Russian Foreign Minister Sergey Lavrov, left, "
        "during a summit on Aug. 6. File photo",
        "photo caption",
        {},
    ),
    (
        "Reporting by: Laila Majdalawi & Helin Saeed | Source: ARA News & Agencies",
        "byline",
        {"byline": "Laila Majdalawi & Helin Saeed", "source": "ARA News & Agencies"},
    ),
]


@pytest.mark.parametrize(("line", "reason", "meta"), SEED_FURNITURE)
def test_seed_furniture_is_removed(line, reason, meta):
    verdict = classify(line, BODY)
    assert verdict is not None, line
    assert verdict.reason == reason
    assert verdict.meta == meta


def test_outlet_line_under_the_headline_names_the_source():
    verdict = classify("ARA News", HEADER)
    assert verdict is not None and verdict.reason == "outlet name"
    assert verdict.meta == {"source": "ARA News"}
    # The same words further down are a subheading, not an outlet.
    assert classify("ARA News", BODY) is None


def test_seed_furniture_is_copied_verbatim_from_the_seeds():
    lines = {
        normalise_line(line)
        for path in SEEDS.glob("*.txt")
        for line in path.read_text(encoding="utf-8").splitlines()
    }
    for line, _, _ in [*SEED_FURNITURE, ("ARA News", None, None)]:
        assert line in lines, line


# --- (b) furniture in Multi-News and the extraction benchmark -------------------------

REAL_FURNITURE = [
    # share buttons, alone or glued to the next caption
    ("Facebook Twitter Pinterest Photograph: Kevin Winter/Getty Images", "share buttons"),
    ("share tweet pin email", "share buttons"),
    ("Share Tweet 7.6k shares on Facebook shares on Facebook", "share buttons"),
    ("Play Facebook", "share buttons"),
    ("Twitter", "share buttons"),
    ("Comments comments", "site navigation"),
    (
        "Skip in Skip x Embed x Share CLOSE BABY, IT'S COLD OUTSIDE N.C. officials urge people "
        "to stay home | 0:46 Even after the storm blew off shore, North Carolina officials urged "
        "people to stay home while crews worked on roads made treacherous by the storm.",
        "share buttons",
    ),
    ("Increasing your visibility gradually lets you grow into your online leadership role with "
     "much less stress.Click To Tweet", "newsletter or follow prompt"),
    # navigation
    ("Advertisement", "site navigation"),
    ("ADVERTISEMENT", "site navigation"),
    ("Advertisement Continue reading the main story", "site navigation"),
    ("Photo Advertisement Continue reading the main story", "site navigation"),
    ("Story Continued Below", "site navigation"),
    ("Read More", "site navigation"),
    ("Related Links", "site navigation"),
    ("ALSO:", "site navigation"),
    ("ALSO READ:", "site navigation"),
    ("Text Size -", "site navigation"),
    ("Sponsored", "site navigation"),
    ("Most Popular Stories this week", "site navigation"),
    ("Most read in world news", "site navigation"),
    ("You may also like...", "site navigation"),
    ("- Order Reprints", "site navigation"),
    ("Explore further", "site navigation"),
    ("More from TIME on population:", "site navigation"),
    ("Read more about: Barack Obama, Lindsey Graham, Drones, Drone Strikes", "site navigation"),
    ("Read more: Tencent profit falls as Alibaba threat and economic woes weigh",
     "site navigation"),
    ("Read next: 7 Reasons Why You’re Working Out and Still Not Losing Weight",
     "site navigation"),
    ("Read more on PostPolitics.com", "site navigation"),
    ("RELATED: Best Places To Live In The World 2016", "site navigation"),
    ("RELATED Judge in Amanda Knox retrial being investigated", "site navigation"),
    ("RELATED | Why no Amber Alert for 13-year-old missing girls?", "site navigation"),
    ("(Also on POLITICO: Boehner, donors huddle in Wyoming)", "site navigation"),
    ("[Related: Salesforce Dreamforce Keynote: AI, Integration, Alicia Keys And Protestors]",
     "site navigation"),
    ("See also: Mark Zuckerberg Casually Conquers the World", "site navigation"),
    ("Topics: street-art, visual-art, carnivals-and-festivals, events, hobart-7000",
     "site navigation"),
    ("WATCH: How to make the perfect cup of coffee", "site navigation"),
    ("More info: http://www.fabletics.com/", "site navigation"),
    ("Plane passengers quarantined after BUBONIC PLAGUE outbreak [NEWS]", "site navigation"),
    ("Also on rt.com Journalists & politicians from Morales’ party threatened with sedition "
     "arrests as Bolivia purges socialist elements", "site navigation"),
    ("Story highlights DeAngelo Lamar Davis, 31, charged in connection with the death",
     "site navigation"),
    # what players and embeds print
    ('Media playback is unsupported on your device Media caption Robert Plant says the tracks '
     'are "of the time"', "embedded player message"),
    ("Please enable Javascript to watch this video", "embedded player message"),
    ("Please turn on JavaScript. Media requires JavaScript to play.", "embedded player message"),
    ("Tweet with a location", "embedded player message"),
    ("When you tweet with a location, Twitter stores that location. You can switch location "
     "on/off before each Tweet and always have the option to delete your location history. "
     "Learn more", "embedded player message"),
    ("Rating is available when the video has been rented.", "embedded player message"),
    ("This feature is not available right now. Please try again later.",
     "embedded player message"),
    ("report this ad", "embedded player message"),
    ("You need to enable JavaScript to use SoundCloud", "embedded player message"),
    # newsletters, apps, follow-us prompts
    ("Sign up now for the Us Weekly newsletter to get breaking celebrity news, hot pics and "
     "more delivered straight to your inbox!", "newsletter or follow prompt"),
    ("Want stories like these delivered straight to your phone? Download the Us Weekly iPhone "
     "app now!", "newsletter or follow prompt"),
    ("Get The Times of Israel's Daily Edition by email and never miss our top stories Free "
     "Sign Up", "newsletter or follow prompt"),
    ("Breaking News Emails Get breaking news alerts and special reports. The news and stories "
     "that matter, delivered weekday mornings.", "newsletter or follow prompt"),
    ("Playbook PM Sign up for our must-read newsletter on what's driving the afternoon in "
     "Washington. Email Sign Up By signing up you agree to receive email newsletters or alerts "
     "from POLITICO. You can unsubscribe at any time.", "newsletter or follow prompt"),
    ("Sign up for KPRC 2 newsletters to get breaking news, sports, entertainment, contests and "
     "more delivered straight to your email inbox.", "newsletter or follow prompt"),
    ("--------- Sign up for Denver7 email alerts to stay informed about breaking news and daily "
     "headlines.", "newsletter or follow prompt"),
    ("[Sign up for the Australia Letter to get news, conversation starters and local "
     "recommendations in your inbox each week.]", "newsletter or follow prompt"),
    ("Get the day’s top headlines delivered to your inbox every morning by subscribing to our "
     "newsletter.", "newsletter or follow prompt"),
    ("Pick Six Newsletter", "newsletter or follow prompt"),
    ("Download the Click2Houston news app in your app store to stay up-to-date with the latest "
     "news while you're on the go.", "newsletter or follow prompt"),
    ("Subscribe NOW to The Tonight Show Starring Jimmy Fallon: http://bit.ly/1nwT1aN",
     "newsletter or follow prompt"),
    ("Support our journalism Already a subscriber? Thank you for your support. If you are not, "
     "please consider subscribing today. Get full access to our signature journalism for just "
     "99 cents for the first four weeks.", "newsletter or follow prompt"),
    ("Thank you for registering!", "newsletter or follow prompt"),
    # a petition's page (Multi-News, Juneteenth)
    ("Thank you for supporting the campaign to make Juneteenth a National Holiday.",
     "petition prompt"),
    ("Click below to sign the Petition.", "petition prompt"),
    ("You must confirm your signature in your email for your vote to count.", "petition prompt"),
    ("Follow Josh Feldman on Twitter: @feldmaniac", "newsletter or follow prompt"),
    ("Follow Scott Stump on Twitter and Google+.", "newsletter or follow prompt"),
    ("Follow us on twitter.com/foxnewslatino", "newsletter or follow prompt"),
    ("FOLLOW us on: http://www.twitter.com/collegehumor", "newsletter or follow prompt"),
    ("Follow The New York Times Opinion section on Facebook, Twitter (@NYTopinion) and "
     "Instagram.", "newsletter or follow prompt"),
    ("Click here to return to the page you were visiting.", "newsletter or follow prompt"),
    ("For a full recap of the night’s big winners, click here.", "newsletter or follow prompt"),
    ("ON A MOBILE DEVICE? CLICK HERE TO SEE THE VIDEO.", "newsletter or follow prompt"),
    ("GET FOX BUSINESS ON THE GO BY CLICKING HERE", "newsletter or follow prompt"),
    ("If you buy something through this post, IGN may get a share of the sale. For more, "
     "learn more.", "affiliate notice"),
    ("Tempo de leitura: 2 minutos", "reading time"),
    # copyright
    ("Copyright 2014 WGCL-TV (Meredith Corporation). All rights reserved.", "copyright notice"),
    ("Copyright © 2012 AFP. All rights reserved. More »", "copyright notice"),
    ("Copyright Associated Press / NBC 10 Philadelphia", "copyright notice"),
    ("© 2019 Associated Press. All Rights Reserved. This material may not be published, "
     "broadcast, rewritten, or redistributed.", "copyright notice"),
    ("This material may not be published, broadcast, rewritten, or redistributed.",
     "copyright notice"),
    ("This copy is for your personal, non-commercial use only.", "copyright notice"),
    # photo captions and credits
    ("Image copyright Getty Images Image caption The band broke up in 1980 following the death "
     "of drummer John Bonham (second from right)", "photo caption"),
    ("Image copyright PA", "photo caption"),
    ("Image caption Plant says the band will not reunite again", "photo caption"),
    ("Enlarge this image toggle caption Bryan Bedder/Getty Images Bryan Bedder/Getty Images",
     "photo caption"),
    ("Ueli Steck, a mountaineer from Switzerland, speaks to the media during an interview at a "
     "hotel in Kathmandu, Nepal May 30, 2016. REUTERS/Navesh Chitrakar", "photo caption"),
    ("FILE PHOTO: A store of shoe designer Jimmy Choo is seen in the mountain resort of St. "
     "Moritz, Switzerland March 15, 2016. REUTERS/Arnd Wiegmann/File Photo", "photo caption"),
    ("FILE - In this Feb. 11, 2007, file photo, adult film actress Stormy Daniels arrives for "
     "the 49th Annual Grammy Awards in Los Angeles. Stormy Daniels, whose real name is "
     "Stephanie Clifford, is suing President... (Associated Press)", "photo caption"),
    ("Photo: KUVP archives", "photo caption"),
    ("Kira Grunberg in action last year. Photo: Getty Images", "photo caption"),
    ("House Minority Leader Nancy Pelosi speaks during a news conference at the U.S. Capitol "
     "last week. (Photo by Win McNamee/Getty Images)", "photo caption"),
    ("Pennsylvania Gov. Tom Corbett, a Republican, is up for re-election in 2014. (Photo: Ralph "
     "Wilson, AP)", "photo caption"),
    ("Keurig Green Mountain K-Cup coffee packs. (Joe Raedle/Getty Images)", "photo caption"),
    ('Many hoped that the "Star Trek" actor would take on Rep. Devin Nunes. (Manuel Balce '
     "Ceneta/AP)", "photo caption"),
    ("The three Stoffel children were on the Trestle Trail bridge at athe time of Sunday's "
     "shooting. Olivia, center, was killed. At left is her sister Selah and on right is her "
     "brother Ezra. Both got off the bridge safely. Submitted photo. (Photo: submitted)",
     "photo caption"),
    ("Photo illustration by Slate. Photo by Ethan Miller/Getty Images.", "photo caption"),
    ("(PHOTOS: Oklahoma tornado)", "photo caption"),
    ("NFL via Getty Images", "photo caption"),
    ("By Slaven Vlasic/Getty Images.", "photo caption"),
    ("iStock", "photo caption"),
    # credits and contacts
    ("The Associated Press contributed to this report.", "editing credits"),
    ("Associated Press writer Vicki Smith in Morgantown, W.Va., contributed to this report.",
     "editing credits"),
    ("Associated Press reporter Paul J. Weber and Chris Sherman contributed to this story from "
     "McAllen, Texas.", "editing credits"),
    ("(Additional reporting by Jumin Park; Editing by Raju Gopalakrishnan)", "editing credits"),
    ("(Editing by Tom Heneghan)", "editing credits"),
    ("Edited and translated by Zhang Qian, People's Daily Online", "editing credits"),
    ("[h/t OpposingViews, Photo: WPXI]", "editing credits"),  # Multi-News, a blog post
    ("(H/T Gawker)", "editing credits"),
    ("Email: Daniel.Miller@THR.com", "contact line"),
    ("Write to Kevin Clark at kevin.clark@wsj.com", "contact line"),
    ("Reach Josh Lederman on Twitter at http://twitter.com/joshledermanAP", "contact line"),
    ("lindsay.wise@chron.com", "contact line"),
    # separators and time stamps
    ("___", "no text (symbols or numbers only)"),
    ("###", "no text (symbols or numbers only)"),
    ("Updated at 11:10 a.m.", "date line"),
    # a web archive's note on its crawl, and a missing page, scraped for articles (Multi-News)
    ("Starting in 1996, Alexa Internet has been donating their crawl data to the Internet "
     "Archive. Flowing in every day, these data are added to the Wayback Machine after an "
     "embargo period.", "web archive's note on its crawl"),
    ("This crawl was run at a level 1 (URLs including their embeds, plus the URLs of all "
     "outbound links including their embeds)", "web archive's note on its crawl"),
    ("The WARC files associated with this crawl are not currently available to the general "
     "public.", "web archive's note on its crawl"),
    ("Sorry, the page you requested could not be found.", "missing page notice"),
]


@pytest.mark.parametrize(("line", "reason"), REAL_FURNITURE)
def test_real_furniture_is_removed(line, reason):
    verdict = classify(line, BODY)
    assert verdict is not None, line
    assert verdict.reason == reason


@pytest.mark.parametrize(
    ("line", "meta"),
    [
        ("Published on Apr 29, 2015", {"published": dt.date(2015, 4, 29)}),
        ("Last updated at 6:04 PM on 20th October 2011", {"published": dt.date(2011, 10, 20)}),
        ("- Published 18 November 2019", {"published": dt.date(2019, 11, 18)}),
        ("By Robert Kunzig", {"byline": "Robert Kunzig"}),
        ("SOURCE: Al Jazeera News", {"source": "Al Jazeera News"}),
    ],
)
def test_furniture_that_carries_metadata(line, meta):
    verdict = classify(line, BODY)
    assert verdict is not None, line
    assert verdict.meta == meta


# --- (c) article text that must stay ----------------------------------------------------

ARTICLE_SENTENCES = [
    # the seeds
    '"By denying humanitarian access, the Damascus regime is responsible for mass crimes, '
    'particularly through the use of the siege as a weapon of war," Giorgini said.',
    "By denying humanitarian access, the Damascus regime is responsible for mass crimes.",
    "War Crimes in Aleppo",
    "Aleppo Under Fire",
    "The meeting is scheduled for 1700 (1600 GMT).",
    "“We don’t deal with terrorists”, Jaafari said.",
    "Khawla Mattar, spokeswoman for special envoy Staffan de Mistura, told AFP there was “the "
    "need to meet” with opposition first, and that a meeting with the government would happen "
    "“maybe another day”.",
    "“We do not agree with what Russia is doing, bombarding Aleppo. France is committed as "
    "never before to saving the population of Aleppo,” French Foreign Minister Jean-Marc "
    "Ayrault said.",
    "U.N. Syria envoy Staffan de Mistura has indicated he will await the results of Tuesday’s "
    "talks before setting a date for the next round of proximity talks between the Assad "
    "regime and opposition, Voice of America reported.",
    "Syria ceasefire talks to restart in Vienna as differences remain",
    # sentences that open like furniture
    "Sources close to the delegation said the talks would resume on Monday.",
    "Source of the leak remains unknown, officials said.",
    "Photos which were released online and are making the rounds on social media, show "
    "Nigerian actress, Kate Henshaw, looking absolutely stunning in new make-up photos.",
    "Photographs released by the ministry showed the damaged hospital.",
    "Follow-up talks are expected in Vienna next week.",
    "Following the meeting, Lavrov said Russia would continue its air campaign.",
    "By Monday, both delegations had left Geneva.",
    "Copyright lawsuits are piling up against the company.",
    "Related charges were filed against two other men.",
    "Advertisement spending fell 3 percent in the quarter.",
    "Tags on the bags identified the owners.",
    # Multi-News and the extraction benchmark
    "Most Popular Month to Get Married: June (15%) followed by October (14%)",
    "Through a team spokeswoman, Spirit players said they did not want to discuss the anthem "
    "issue.",
    "Reign Coach Laura Harvey also addressed the issue.",
    "Her next appearance in Denver County Court is scheduled for Oct. 6.",
    "The Union City Park Staff will be hosting a fundraiser on Saturday, Dec. 13 to assist the "
    "family with medical expenses. (Click here to see the flyer)",
    "Editing in the Final Cut Pro X on the new 16-inch MacBook Pro",
    "Sign up for a Hulu ad-free account for $11.99 a month",
    "Sign up for the Disney+ bundle using the same email as your Hulu account",
    "Share this information, please?",
    "Disney’s tech teams isolated the problem, Mayer said, and “patched” the software as the "
    "company continued to sign up additional subscribers throughout the week.",
    "“Hey Twitter, the whole point of this ad campaign is to raise awareness,” Noem tweeted. "
    "“So I think that’s working.”",
    "Das Thema mit dem höchsten Potenzial aber auch mit den meisten Hindernissen wird seit "
    "Jahren intensiv diskutiert: Die elektronische Patientenakte (ePA)",
    "He worked for Reuters.",
    # web archiving in the news (written for these tests)
    "The Internet Archive's crawler has saved more than 600 billion pages since 1996, the "
    "nonprofit said on Monday.",
    "Traffic slowed to a crawl on the bridge, and the Wayback Machine was down for hours.",
    # prompts' wording in article sentences (written for these tests)
    "Residents can sign up for emergency alerts on the county website.",
    "Download the app from the App Store and sign in with your library card.",
    "Agents may earn a commission of up to 6 percent on each sale, the report said.",
]


@pytest.mark.parametrize("line", ARTICLE_SENTENCES)
def test_article_sentences_stay(line):
    assert classify(line, BODY) is None


@pytest.mark.parametrize(
    ("line", "ctx"),
    [
        # a line with letters of the article's own script is the article's
        ("Аккаунт: @darkzip", context("Cyrillic", {"Cyrillic": 0.99, "Latin": 0.01})),
        ("Windows10での操作方法です。", context("Kana", {"Kana": 0.61, "Han": 0.19, "Latin": 0.2})),
        # Han in a Japanese article, Hangul and Latin in a Korean one: one writing system
        ("以下、その手順。", context("Kana", {"Kana": 0.61, "Han": 0.19, "Latin": 0.2})),
        ("[사진=MBC, SBS]", context("Hangul", {"Hangul": 0.95, "Latin": 0.05})),
        # code in a Russian how-to: Latin is 14% of the article, so quoted text, not template
        ("- player.setav health * .", context("Cyrillic", {"Cyrillic": 0.86, "Latin": 0.14})),
        # a verse quoted in an Indonesian article
        ("ﺎَﻣ", context("Latin", {"Latin": 0.93, "Arabic": 0.07})),
    ],
)
def test_text_in_another_script_that_belongs_to_the_article(line, ctx):
    assert classify(line, ctx) is None
