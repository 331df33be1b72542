"""Sentence selection for the summary: what may stand alone, redundancy, budget, coverage."""

from __future__ import annotations

import numpy as np
import pytest

from dossier.summary.scoring import (
    Candidate,
    Weights,
    archive_note_sentences,
    caption_sentences,
    consensus,
    detached,
    leaning,
    main_threads,
    own_threads,
    quote_states,
    reading_order,
    score_sentences,
    select_sentences,
    speech_tag,
    trimmed,
    usable,
)


@pytest.mark.parametrize(
    "text",
    [
        "He said the talks would resume on Tuesday in Geneva after a short break.",
        # Multi-News (Oculus): whoever "I" is, the article said before
        "I definitely want to be a part of VR, but I will not work with Facebook at all.",
        "But the opposition delegation refused to attend the meeting with the envoy.",
        "“For that the strikes on Aleppo must stop,” he maintained.",
        # Multi-News (April Fools): a pronoun subject after an opening phrase
        "Hours later, he retweeted a post about April Fools posts before revealing the prank.",
        # ... or the writer, or a speaker without the marks (Multi-News: a neurosurgeon's essay)
        "As a neurosurgeon, I did not believe in the phenomenon of near-death experiences.",
        "In the end, we decided to keep the bakery open for another month at least.",
        # a turn of a broadcast transcript, and a label of web furniture (Multi-News)
        "LEE: I have no idea, but I'll be trying, and I will keep walking to Washington.",
        "READ ALSO: Who is Danish inventor Peter Madsen and what did he build in Copenhagen?",
        # ... or a demonstrative standing for what came before (Multi-News, Nevada marijuana)
        "Allowing for rounding, that only accounts for about 15 percent of sales in the state.",
        # photo captions (Multi-News)
        "A photo from the 1998 excavation, with the brachiosaur foot bones below a tail.",
        "FILE - In this Feb. 11, 2007, file photo, Stormy Daniels arrives for the Grammys.",
        # a CNN photo gallery run into the text
        "Hide Caption 26 of 132 Photos: Photos: Crisis in Ukraine Crisis in Ukraine – Armed "
        "soldiers stand guard outside a Ukrainian military base in Perevalne on March 17.",
        "Photos: Photos: Crisis in Ukraine Crisis in Ukraine – Ukrainian tanks are transported "
        "from their base in Perevalne, Crimea, on Wednesday, March 26.",
        "The car driven by Adam Lanza is pictured at Sandy Hook Elementary School in Newtown, "
        "Connecticut, in this evidence photo released by the Connecticut State Police.",
        "AP Photo/Brennan Linsley Bill Cosby performs at the Buell Theater in Denver on Jan. 17.",
        # a scene placed as captions place it (Timeline17: CNN on Egypt; Multi-News, Sochi),
        # and an agency caption's date in a tokenized text (Timeline17, the BP spill)
        "Police officers protest in Cairo, Egypt, on Sunday.",
        "Pro- and anti-Mubarak demonstrators attack each other in Tahrir Square in Cairo , "
        "Egypt , on Wednesday .",
        "Egyptian protesters confront riot police during a demonstration in Cairo on Friday .",
        "Egyptian demonstrators in Alexandria tear a portrait of President Hosni Mubarak during "
        "a protest against his rule Thursday .",
        "Protesters are seen in Tahrir Square in Cairo, Egypt, on Wednesday.",
        "Russian President Vladimir Putin takes part in a friendly hockey match at The Bolshoy "
        "Ice Dome in Sochi, Russia, on Saturday.",
        "Traffic drives past signs showing anti-BP sentiments in Grand Isle , La. , Monday , "
        "July 19 , 2010 .",
        # ... and one by where its people stand in the picture (Multi-News, Anaheim)
        "A Ku Klux Klansman, left, uses an American flag to fend off angry counter protesters "
        "at Pearson Park in Anaheim, Calif., on Saturday, Feb. 27, 2016.",
        # a teaser and a line cut off (Multi-News, the Kardashians; Ebola)
        "As for why Khloe was even invited to the White House ...",
        # ... and lines the splitter ended on an abbreviation (Multi-News: Delphi, Rihanna)
        '"We are investigating this as a crime scene," Indiana State Police Sgt.',
        "Rihanna's recent hit \"Right Now\" topped the dance chart, giving her a 20th No.",
        "All travelers arriving in the U.S. from West Africa must fly into one of five airports "
        "in JFK, Newar...",
        # the page sending its reader elsewhere (Multi-News, babies' naps; chronic pain)
        "Visit Harvard Medical School's Healthy Sleep website for more about sleep, learning "
        "and memory.",
        "For more about chronic pain, visit the U.S. National Library of Medicine.",
        # the writer speaking to the reader (Multi-News: a horoscope among reports of Thomas
        # Kinkade's death; Twitter's notice) and a note on the story itself
        "You can expect some amazing things to occur over the next 48 hours and whatever they "
        "happen to be you will be at the center of them.",
        "You can add location information to your Tweets, such as your city or precise location.",
        "Update:Judge calls emergency meeting over redaction errors.",
        # ... and bidding the reader (Multi-News: Forbes' list; Oculus)
        "Just look at the two women who tie for first place on our list: Tina Fey and Eva "
        "Longoria.",
        "Imagine sharing not just moments with your friends online, but entire experiences.",
        # a missing page among reports of Tiger Woods (Multi-News)
        "If you are looking for an older news story, it may no longer be here.",
        "Free archives of stories are maintained on our site for one month.",
        "Correction: An earlier version of this story said that an email was sent to HQ.",
        # ... unlabelled (Multi-News: the twins' wedding; the LAPD)
        "This story has been corrected to show Gomes lived in Raynham, not Rayham.",
        "An earlier version of this post incorrectly gave suspect Kanasho Johns' name.",
        # a live page's listing (Timeline17: the BBC on Haiti, on Michael Jackson's doctor)
        "As it happened : Haiti earthquake 15 Jan Live coverage following Tuesday 's earthquake "
        "in Haiti , in which tens of thousands are feared to have been killed .",
        "Live coverage of the trial of Michael Jackson 's personal physician , Conrad Murray .",
        # a film review's credits (Multi-News, Evil Dead)
        "Produced by Rob Tapert, Sam Raimi, Bruce Campbell and Grant Curtis.",
        # a preposition whose object is what came before (Multi-News, Keurig)
        "With that, Keurig's CEO did what he had to do on the call with analysts.",
        "Despite all this, those close to him believe that Yusupov will stay at HQ.",
        # the answer to a heading's question (Multi-News, the Good Country Index)
        "Because it may be time we all moved to Sweden.",
        "the strikes on Aleppo must stop before the talks can resume in earnest",
        "Follow us on Twitter for the latest news about the Syrian peace talks today.",
        "Syria talks?",
        "Short sentence here.",
    ],
)
def test_sentences_that_cannot_stand_alone_are_never_used(text):
    assert not usable(text)


@pytest.mark.parametrize(
    "text",
    [
        "Just fill in your contact details in the form below to join our list.",
        "Share on Facebook and let your friends know about the latest talks.",
        # a tip line or hotline is a call to the reader
        "Anyone with information concerning the whereabouts of Alexis Murphy should contact "
        "the Nelson County Sheriff's Office at 434-263-7050.",
        "Would-be solvers of the leak can call +1 2813665511 .",
        # a gossip blog (Multi-News, Betty White): its teaser and its own exclamations
        "Details on her potential 'Dancing' dreams after the jump.",
        "Oh, Betty, you're in such high demand on every network!",
        # the site speaking to its reader (Multi-News, celebrity businesses)
        "If you need additional information about domain mapping, please visit our help "
        "center.",
        'Shop or log into your account to "Skip the Month" by the 5th of the month and you '
        "won't be charged.",
        # (Multi-News, Tiger Woods)
        "Please choose a community from the navigation at the top of this page.",
        # a fundraising page urging its reader (Multi-News, the Oregon bakery)
        "Let's help the Kleins through this hard time as they fight for religious freedom.",
        # the page's layout (Multi-News: a syndrome charity's page, a talk show's clip)
        "The video shown here explains Williams syndrome and can be shared to help others "
        "understand it.",
        "Watch Colbert's trip to Russia's Evening Urgant in the Late Show clip above.",
        # the page promoting itself (Multi-News: CBS, a Houston station, a newspaper's offer;
        # a caption's "Buy Photo" button, Flint's water)
        "Watch The Late Show with Stephen Colbert weeknights at 11:35 PM ET/10:35 PM CT.",
        "Get new episodes of shows you love across devices the next day, stream live TV, and "
        "watch full seasons of CBS fan favorites anytime, anywhere with CBS All Access.",
        "Download the Click2Houston news app in your app store to stay up-to-date with the "
        "latest news while you're on the go.",
        "Get full access to our signature journalism for just 99 cents for the first four weeks.",
        "Listen to the most important stories of the day.",
        "Read on for the backstage reactions of Jon Cryer, Claire Danes, Louis C.K. and others.",
        "See PDF with full results, charts and tables here.",
        "Buy Photo Genesee County health official Jim Henry was among those calling for tests.",
        # a broadcast transcript's header (Timeline17, CNN on the Egyptian protests)
        "Mubarak Appoints Vice President, New Prime Minister Aired January 29, 2011 - 11:00 ET "
        "THIS IS A RUSH TRANSCRIPT.",
        # ... and a radio transcript's footer (Multi-News, Juneteenth)
        "The authoritative record of NPR’s programming is the audio record.",
        # ... and a paper's notes on its print edition and its feed (Timeline17, the Guardian)
        "A version appeared on p4 of the Main section section of the Guardian on Monday.",
        "Follow all the top stories of the day on Twitter with the Guardian 's world news team .",
        "NPR transcripts are created on a rush deadline by Verb8tm, Inc., an NPR contractor.",
    ],
)
def test_web_furniture_is_never_used(text):
    assert not usable(text)


@pytest.mark.parametrize(
    "text",
    [
        "The gunman had posted threats on Facebook two days before the shooting.",
        "The minister said in an email that the talks would resume in Geneva.",
        "An AP photo of the rally showed the minister waving to the crowd below.",
        "People close to Rus Yusupov believe that he will stay at HQ and build its new shows.",
        # a number in the news is not asked to be called
        'Logic performed his song "1-800-273-8255," named after the phone number for the '
        "National Suicide Prevention Lifeline.",
        'The crowd chanted "Leave, leave, Mubarak, leave!"',
        "The hackers had broken into his account at the bank two weeks earlier.",
        "Lettuce prices rose sharply in the drought, the growers' association said.",
        "The prices shown in the report were far above the regional average.",
        "There was nothing left, so the family moved back to Anaheim in the spring.",
        "Written by Alvarez and Rodo Sayagues, the story begins with five young people.",
        "Visitors to the park saw the bears for more than an hour on Sunday afternoon.",
        # ... and what opens like the page's own lines
        "Watch groups say the new rules will make it harder to monitor the elections.",
        "Read, who was 45, said the council had never asked for the report in writing.",
        "Getting the latest figures took the ministry nearly a month after the storm.",
        "Young voters turned out in record numbers, the county's election office said.",
        "Looking ahead, the ministry expects the number of displaced to rise by spring.",
        "Considerable damage was reported in the north of the province on Monday.",
        "Updated figures from the ministry put the number of displaced at 40,000 on Monday.",
        "In a statement on Monday, I.B.M. said its quarterly revenue had fallen by a tenth.",
        "The survey and data management partner for the study was Decipher Inc.",
        "There is a 100 percent chance that he is not in that water, said DeOrr Kunz Sr.",
        "For more than a decade, the museum has shown the collection to visiting students.",
        "Because of the storm, flights out of Denver were cancelled on Tuesday night.",
        # placed as a caption is, but told in the past or ahead: prose (Timeline17, BP spill)
        "A suicide bomber killed 20 people at a market in Kabul, Afghanistan, on Tuesday.",
        "The dome could be in place within 72 hours, Mr Hayward told a press conference in "
        "Houston, Texas, on Monday.",
        "Homeland Security Secretary Janet Napolitano will tour the command center in Mobile, "
        "Ala., on Tuesday.",
        # ... or in a present that tells what is set for the day
        "The trial of the former president begins in Cairo on Monday.",
        # ... with the town earlier on, told in an irregular past
        "Protesters in Tahrir Square sang the national anthem on Friday.",
        "Police in Alexandria set fire to a protesters' tent Thursday.",
    ],
)
def test_news_about_the_web_is_used(text):
    assert usable(text)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "DENVER (AP) — Troy Tulowitzki has a tough name to spell, even at his own ballpark.",
            "Troy Tulowitzki has a tough name to spell, even at his own ballpark.",
        ),
        (
            "(CNN) — The envoy said the talks would resume in Geneva on Tuesday.",
            "The envoy said the talks would resume in Geneva on Tuesday.",
        ),
        (
            "BEIRUT — Government forces shelled the eastern districts of Aleppo overnight.",
            "Government forces shelled the eastern districts of Aleppo overnight.",
        ),
        (
            "Washington (CNN) Vermont Sen. Bernie Sanders lauded Pope Francis on Thursday.",
            "Vermont Sen. Bernie Sanders lauded Pope Francis on Thursday.",
        ),
        (
            "FLORENCE, Italy, Feb. 25 (UPI) -- Raffaele Sollecito has stood by Amanda Knox.",
            "Raffaele Sollecito has stood by Amanda Knox.",
        ),
        (
            "WASHINGTON—The chairman of the Senate Intelligence Committee promised a review.",
            "The chairman of the Senate Intelligence Committee promised a review.",
        ),
        (
            "INDEPENDENCE, Mo. — A woman was charged on Friday with leaving her child alone.",
            "A woman was charged on Friday with leaving her child alone.",
        ),
        (  # the dash lost in scraping (Multi-News, Sandy Hook)
            "NEWTOWN, Conn. Parents of almost half the young children killed have taken steps.",
            "Parents of almost half the young children killed have taken steps.",
        ),
        (  # tokenized as Timeline17 is: commas spaced out, brackets escaped
            "TRIPOLI , March 2 -LRB- Reuters -RRB- - Libyan rebels pushed west on Wednesday .",
            "Libyan rebels pushed west on Wednesday .",
        ),
        (
            "-LRB- CNN -RRB- -- Egyptian protesters massed in Tahrir Square on Friday .",
            "Egyptian protesters massed in Tahrir Square on Friday .",
        ),
        (
            "Cairo -LRB- CNN -RRB- -- Egyptian protesters massed in Tahrir Square .",
            "Egyptian protesters massed in Tahrir Square .",
        ),
        (  # the splitter left the dateline's bracket with the headline before it
            "CNN -RRB- -- The high expectations of protesters in Egypt are real .",
            "The high expectations of protesters in Egypt are real .",
        ),
        (  # an update's time, cut after "p.m."
            "ET -RRB- - Egyptian banks will be closed for two days , state television said .",
            "Egyptian banks will be closed for two days , state television said .",
        ),
        (  # a page header with its timestamp, then the dateline
            "HONG KONG | Tue May 12 , 2009 8:56 am EDT HONG KONG -LRB- Reuters -RRB- - A "
            "leading virologist has described the virus .",
            "A leading virologist has described the virus .",
        ),
        (
            "The -LRB- relatively -RRB- moderate cleric is tipped to win .",
            "The -LRB- relatively -RRB- moderate cleric is tipped to win .",
        ),
        ("ISIS, Gen. Votel said, is weaker.", "ISIS, Gen. Votel said, is weaker."),
        (
            "French President Francois Hollande (R) speaks with Vladimir Putin in Paris.",
            "French President Francois Hollande (R) speaks with Vladimir Putin in Paris.",
        ),
        (
            "TSA defends the deal — noting that its old contract had expired last year.",
            "TSA defends the deal — noting that its old contract had expired last year.",
        ),
        ("I — I think so, and the talks must go on.", "I — I think so, and the talks must go on."),
        (
            "\u200b The envoy said the talks would resume in Geneva on Tuesday.\ufeff ",
            "The envoy said the talks would resume in Geneva on Tuesday.",
        ),
        (
            "“We are occupying all the hallways,” a student told the paper. “",
            "“We are occupying all the hallways,” a student told the paper.",
        ),
        (
            "” The opposition walked out of the talks in Geneva on Monday.",
            "The opposition walked out of the talks in Geneva on Monday.",
        ),
        (
            '  He called the report "fake news" and left the room in a hurry."  ',
            'He called the report "fake news" and left the room in a hurry.',
        ),
        (
            'The envoy called the ceasefire "a fragile thing."',
            'The envoy called the ceasefire "a fragile thing."',
        ),
        (
            "Email This Even at 88, Betty White has the ambition of a 20-something.",
            "Even at 88, Betty White has the ambition of a 20-something.",
        ),
        # CNN's edition switch: its buttons run into the next line
        (
            "YES | NO Egyptian President Hosni Mubarak stepped down as president of Egypt.",
            "Egyptian President Hosni Mubarak stepped down as president of Egypt.",
        ),
        (
            "NATO | EU officials met in Brussels on Thursday to discuss the talks.",
            "NATO | EU officials met in Brussels on Thursday to discuss the talks.",
        ),
        # ... or its second button, when the splitter cut after the first ("YES |")
        (
            "NO Egyptian President Hosni Mubarak stepped down as president of Egypt.",
            "Egyptian President Hosni Mubarak stepped down as president of Egypt.",
        ),
        ("NO one expected the talks to fail.", "NO one expected the talks to fail."),
        # a byline run into the first sentence (Timeline17, CNN)
        (
            "By Michael Martinez , CNN It was 17 days of expanding unrest that ended his rule.",
            "It was 17 days of expanding unrest that ended his rule.",
        ),
        (
            "By Friday, NATO officials said the talks in Geneva had failed.",
            "By Friday, NATO officials said the talks in Geneva had failed.",
        ),
        (
            "NATO — the alliance — met in Brussels on Thursday to discuss the talks.",
            "NATO — the alliance — met in Brussels on Thursday to discuss the talks.",
        ),
        # a hyphen for the dash (Multi-News: a Georgia coach; Detroit)
        (
            "UNION CITY, Ga. - One minute, a Union City football coach was smiling.",
            "One minute, a Union City football coach was smiling.",
        ),
        ("DETROIT - A Wayne State University police officer has died.",
         "A Wayne State University police officer has died."),
        (
            "FILE - In this Feb. 11, 2007, file photo, Stormy Daniels arrives for the Grammys.",
            "FILE - In this Feb. 11, 2007, file photo, Stormy Daniels arrives for the Grammys.",
        ),
        # Timeline17's Guardian pages: a timestamp's zone cut from its clock time, a crosshead
        (
            "BST Swine flu has become the world's first official pandemic in 41 years.",
            "Swine flu has become the world's first official pandemic in 41 years.",
        ),
        (
            "The influenza pandemic of 1918 The current swine flu outbreak is of the same strain.",
            "The current swine flu outbreak is of the same strain.",
        ),
        ("COUNTDOWN TO 2020 The race for 2020 starts now.", "The race for 2020 starts now."),
        (  # Timeline17, the BBC on the Michael Jackson story
            "Trial of Michael Jackson 's doctor to begin in America The trial of Michael "
            "Jackson 's doctor is expected to start in America in the next few days .",
            "The trial of Michael Jackson 's doctor is expected to start in America in the next "
            "few days .",
        ),
        (
            "Five schools shut because of swine flu Exams rescheduled as schools close Tuesday 5"
            " May 2009 14.37 BST Governors at Dolphin school in Battersea decided to close it.",
            "Governors at Dolphin school in Battersea decided to close it.",
        ),
        ("The 5 May 2009 14.37 train was late.", "The 5 May 2009 14.37 train was late."),
        (  # a header that is the whole sentence, the lead in the next one
            "Iraq Survey Group concludes dictator destroyed weapons years before invasion "
            "Thursday 13 January 2005 03.10 GMT",
            "Iraq Survey Group concludes dictator destroyed weapons years before invasion",
        ),
        (
            "The polls closed on 5 May 2009 at 14.37 BST",
            "The polls closed on 5 May 2009 at 14.37 BST",
        ),
        ("Sunday 3 April 2005 02.26 BST", "Sunday 3 April 2005 02.26 BST"),
        # the end of a parenthesis the splitter cut the sentence inside: a picture's credit or
        # a live page's clock time (Timeline17: the Washington Post, CNN on Egypt)
        (
            "By Ariana Cubillos -- Associated Press -RRB- President Bush warned yesterday "
            "against cutting U.S. assistance .",
            "President Bush warned yesterday against cutting U.S. assistance .",
        ),
        (
            "ET -RRB- `` Today belongs to the people of Egypt , '' President Obama said .",
            "`` Today belongs to the people of Egypt , '' President Obama said .",
        ),
        (
            "USAID -RRB- said on Monday that American teams had pulled 10 people alive .",
            "USAID -RRB- said on Monday that American teams had pulled 10 people alive .",
        ),
        (  # a live page's label (Timeline17, the Guardian on swine flu)
            "Live blog : The WHO has raised its pandemic alert level as Mexico is shut down .",
            "The WHO has raised its pandemic alert level as Mexico is shut down .",
        ),
        (  # Fortune's (Timeline17, CNN on Egypt)
            "By Seth Weintraub February 7 , 2011 : 10:44 AM ET Wael Ghonim , Google 's "
            "executive in Egypt , has been missing for ten days .",
            "Wael Ghonim , Google 's executive in Egypt , has been missing for ten days .",
        ),
        (  # the BBC's header (Timeline17, the Michael Jackson story)
            "7 November 2011 Last updated at 21:40 GMT Help Michael Jackson 's former personal "
            "doctor has been found guilty .",
            "Michael Jackson 's former personal doctor has been found guilty .",
        ),
        (  # the Guardian's credit closing a caption
            "Photograph : Gerald Herbert\\/AP The giant steel box arrived at the site today .",
            "The giant steel box arrived at the site today .",
        ),
        (
            "Photograph : Mario Tama/Getty Images Rescuers searched the rubble of the school .",
            "Rescuers searched the rubble of the school .",
        ),
        (  # a BBC blog's header
            "Fergus Walsh | 18:17 UK time , Tuesday , 16 June 2009 Your eyes may glaze over at "
            "the thought of another flu story .",
            "Your eyes may glaze over at the thought of another flu story .",
        ),
        (
            "Image copyright AFP Image caption The man was known to French intelligence services",
            "Image copyright AFP Image caption The man was known to French intelligence services",
        ),
        ("He reads The Guardian on the train.", "He reads The Guardian on the train."),
        # Timeline17's BBC pages: a headline, then a picture's caption, run into the sentence
        (
            "Haiti quake rescuers pull man from rubble after 11 days A French rescue worker said "
            "the man may have had access to food A Haitian man has been pulled alive from the "
            "rubble of a ruined shop in Port-au-Prince .",
            "A Haitian man has been pulled alive from the rubble of a ruined shop in "
            "Port-au-Prince .",
        ),
        (
            "French rescuers are among teams from many nations in Haiti The EU has pledged more "
            "than 400m euros in emergency aid for Haiti .",
            "The EU has pledged more than 400m euros in emergency aid for Haiti .",
        ),
        (
            "DEC 's Haiti earthquake appeal nets # 12m A British Airways Boeing 747 was altered to "
            "allow more space for aid The scenes of devastation have led people in the UK to give "
            "# 12m .",
            "The scenes of devastation have led people in the UK to give # 12m .",
        ),
        (
            "He told The Associated Press news agency that the talks would resume.",
            "He told The Associated Press news agency that the talks would resume.",
        ),
        (
            "Acts including The Black Eyed Peas , Christina Aguilera and Cee Lo will play .",
            "Acts including The Black Eyed Peas , Christina Aguilera and Cee Lo will play .",
        ),
        (
            "The film is so violent `` it makes A Clockwork Orange look like a Disney video '' .",
            "The film is so violent `` it makes A Clockwork Orange look like a Disney video '' .",
        ),
        (
            "The earthquake is the worst to hit Haiti in 200 years There are reports of a "
            "substantial number of deaths in Haiti .",
            "There are reports of a substantial number of deaths in Haiti .",
        ),
        (
            "Treating the victims of the Haiti earthquake Between 100,000 and 200,000 people may "
            "have died in the earthquake .",
            "Between 100,000 and 200,000 people may have died in the earthquake .",
        ),
        (
            "Haiti earthquake : Your stories Wednesday 13 January It is feared thousands of people "
            "have died .",
            "It is feared thousands of people have died .",
        ),
        ("He said : It is time .", "He said : It is time ."),
        (
            "Food for between 100,000 and 200,000 people reached Haiti .",
            "Food for between 100,000 and 200,000 people reached Haiti .",
        ),
        (  # what follows the caption would be too short to tell anything
            "Relief teams arrived in Haiti The UN said so .",
            "Relief teams arrived in Haiti The UN said so .",
        ),
        # Multi-News: the last sentence of a parenthesis keeps its closing bracket
        (
            "Haley will handpick a senator who will serve until an election is held in 2014.)",
            "Haley will handpick a senator who will serve until an election is held in 2014.",
        ),
        ("The plan (announced in May.)", "The plan (announced in May.)"),
    ],
)
def test_a_sentence_is_cited_without_its_dateline_or_stray_quotation_marks(text, said):
    start, end = trimmed(text)
    assert text[start:end] == said


def test_a_piece_cut_inside_a_bracket_or_a_tokenized_quotation_is_not_usable():
    # the Egypt story's summary (Timeline17's tokenized CNN text) told this piece
    assert not usable("Mubarak -RRB- to leave , '' said one 19-year-old man hours after the "
                      "intense day of protests .")  # fmt: skip
    assert not usable("The protesters ( mostly students gathered in Tahrir Square on Friday .")
    assert not usable("`` We will stay until he leaves , said a student in the square .")
    assert usable("`` We will stay until he leaves , '' said a student in Tahrir Square .")
    assert usable("Human Rights Watch -LRB- HRW -RRB- said 302 people had been killed .")


def test_a_sentence_opening_on_a_comparing_connective_leans_on_the_one_before():
    # Multi-News (Colbert for the Senate): "Worse, ..." compares with what came before
    text = "Worse, Colbert has a skill set that is way too broad for the Senate."
    assert leaning(text) and not usable(text)
    assert usable("Similarity scores were published by the agency on Tuesday morning.")


def test_a_sentence_opening_on_a_pronoun_only_leans_on_the_one_before():
    assert leaning("On Sunday, she urged the regime to negotiate with the opposition.")
    text = "He said the talks would resume on Tuesday in Geneva after a short break."
    assert leaning(text) and not usable(text)
    assert not leaning("The envoy said the talks would resume on Tuesday in Geneva.")
    assert not leaning("He said so?")


def test_a_quotation_whose_speaker_is_a_pronoun_only_leans_on_the_one_before():
    text = "“The regime is responsible for the lack of progress in the talks,” he said."
    assert leaning(text) and not usable(text)
    named = "“The regime is responsible for the lack of progress in the talks,” Giorgini said."
    assert usable(named) and not leaning(named)


def test_a_passage_that_is_all_quotation_only_leans_on_the_one_before():
    # Multi-News (Romney): Graham's second quotation, cited without the sentence naming him.
    quote = (
        "“Failed presidential leadership, senior members of the Obama administration failed "
        "miserably. The Benghazi, Libya, consulate was becoming a death trap.”"
    )
    assert leaning(quote) and not usable(quote)
    assert not usable("“Obstruction of justice is an impeachable offense.”")
    assert usable("“Moonlight” won best picture at the Oscars on Sunday night in Hollywood.")


def test_a_connective_set_off_by_a_comma_is_left_out_when_the_rest_stands_alone():
    # the seeds: the December 2017 report's sentence on Eastern Ghouta
    text = (
        "However, on Friday the lack of progress in Geneva and continuing assault of the "
        "besieged rebel enclave of Eastern Ghouta near Damascus brought scathing criticism."
    )
    assert text[detached(text) :].startswith("on Friday the lack")
    run = "In fact, moreover, the talks in Geneva ended without any agreement."
    assert run[detached(run) :].startswith("the talks")
    # Multi-News (the debt deal): an ordinal only numbers the writer's points
    first = "First, Pelosi said of the deal: “We all may not be able to support it.”"
    assert first[detached(first) :].startswith("Pelosi said")
    for kept in (
        "However, he said the talks in Geneva would resume after a short break.",
        "But the opposition delegation refused to attend the meeting with the envoy.",
        "Instead, the opposition delegation refused to attend the meeting with the envoy.",
        "The talks in Geneva, however, ended without any agreement on the ceasefire.",
    ):
        assert detached(kept) == 0


def test_a_sentence_without_its_connective_stands_alone_and_is_cited_so():
    sentence = (
        "Meanwhile, the truce has been shattered in the past week, especially in Aleppo, "
        "where more than 250 civilians were killed."
    )
    documents = [["France called for urgent talks on Monday to restore the ceasefire.", sentence]]
    embeddings = [np.eye(2, dtype=np.float32)]
    candidates, _, _ = score_sentences(documents, embeddings)
    told = candidates[1]
    assert not told.follows and told.text.startswith("the truce has been shattered")
    assert sentence[told.start : told.end] == told.text


def test_a_caption_runs_to_the_end_of_its_paragraph_when_that_is_short():
    sentences = [
        "FILE - In this May 20, 2017 file photo, U.S. Rep. Jason Chaffetz waves in Sandy, Utah.",
        "Chaffetz, a five-term Republican, says he does not feel compelled to talk.",
        "But he told The Associated Press on Tuesday,... (Associated Press)",
        "Chaffetz canceled a hearing scheduled for Wednesday after Comey declined to testify.",
    ]
    assert caption_sentences(sentences, {0, 3}) == {0, 1, 2}
    # text never split into paragraphs loses only the caption's own sentence
    long = sentences[:1] + ["The oversight committee met for hours on the memos."] * 20
    assert caption_sentences(long, {0}) == {0}
    assert caption_sentences(sentences[1:], {0, 2}) == set()


def test_a_photo_gallery_run_into_the_text_is_captions_from_marker_to_marker():
    """A Multi-News MH370 build's timeline had "A Vietnamese military official looks out an
    aircraft window ... March 13, 2014." (a CNN gallery's caption, split off its marker)."""
    sentences = [
        "The search moved west into the Indian Ocean on Monday.",
        "Hide Caption 30 of 43 Photos: The search for MH370",
        "A Vietnamese military official looks out an aircraft window during search operations "
        "March 13, 2014.",
        "Hide Caption 31 of 43 Photos: The search for MH370 Malaysian air force members look "
        "for debris near Kuala Lumpur on March 13, 2014.",
        "Hide Caption 32 of 43",
        "The search will resume on Tuesday, Australian officials said.",
    ]
    assert caption_sentences(sentences, {0}) == {1, 2, 3, 4}


def test_a_web_archives_note_on_its_crawl_is_never_used():
    # Multi-News: 28 of the documents are the archive's note, not the article
    note = [
        "These crawls are part of an effort to archive pages as they are created.",
        "Then the Internet Archive hopes that references to these archived pages will be put "
        "in place of a link that would be otherwise be broken.",
        "The goal is to fix all broken links on the web .",
    ]
    news = ["The storm killed 24 people and injured hundreds more in Moore on Monday."]
    assert archive_note_sentences(note + news, {0, 3}) == {0, 1, 2}
    assert archive_note_sentences(note + news, ()) == set()  # no sentence is one alone
    # text never split into paragraphs is not taken for a note
    assert archive_note_sentences(note + news * 20, {0}) == set()


def test_a_speech_tag_cut_off_after_a_question_joins_its_quotation():
    # Multi-News (Romney): the splitter ends the sentence at '?"'; the tag alone says nothing.
    sentences = [
        "“Should Ronald Reagan not have talked about it for 444 days?”",
        "Gingrich said on CNN's “State of the Union.”",
        "Romney said the administration had misled voters about the attack in Libya.",
    ]
    assert speech_tag(sentences, 1)
    assert not speech_tag(sentences, 2)  # a sentence of its own: what was said follows
    assert not speech_tag(["He asked: “Why?”", "Smith said the plan would fail badly."], 1)
    embeddings = [np.stack([_unit([1, 0, 0]), _unit([1, 0.1, 0]), _unit([0, 0, 1])])]
    chosen = select_sentences([sentences], embeddings, words=300, fill=True)
    assert [(c.index, c.length) for c in chosen if c.index < 2] == [(0, 2)]
    joined = next(c for c in chosen if c.index == 0)
    assert joined.text == " ".join(sentences[:2]) and joined.end == len(sentences[1])


def _leaning_docs(predecessor: str):
    documents = [
        [
            predecessor,
            "He said the truce agreed in February had all but collapsed around Aleppo.",
        ],
        ["Russia said it would co-chair a new meeting of the support group in Vienna."],
    ]
    embeddings = [
        np.stack([_unit([1, 0, 0, 0]), _unit([0.5, 0.8, 0, 0])]),
        np.stack([_unit([0, 0, 1, 0])]),
    ]
    return documents, embeddings


def test_a_leaning_sentence_comes_only_right_after_its_predecessor():
    documents, embeddings = _leaning_docs(
        "The UN envoy Staffan de Mistura spoke to reporters in Geneva on Monday."
    )
    chosen = select_sentences(documents, embeddings, words=200, fill=True)
    keys = [(c.document, c.index) for c in chosen]
    assert (0, 1) in keys and keys.index((0, 0)) < keys.index((0, 1))
    ordered = [(c.document, c.index) for c in reading_order(chosen)]
    assert ordered[ordered.index((0, 0)) + 1] == (0, 1)
    # Without a predecessor that can be used, the leaning sentence never is.
    documents, embeddings = _leaning_docs("Who spoke to reporters in Geneva on Monday?")
    chosen = select_sentences(documents, embeddings, words=200, fill=True)
    assert all(c.document != 0 for c in chosen)


def test_reading_order_moves_followers_after_their_sentence():
    first = Candidate(0, 3, "a", 1, 1.0)
    other = Candidate(1, 0, "b", 1, 0.9)
    follower = Candidate(0, 4, "c", 1, 0.8, follows=True)
    second = Candidate(0, 5, "d", 1, 0.7, follows=True)
    assert reading_order([first, other, follower, second]) == [first, follower, second, other]


def test_a_follower_of_a_quotation_comes_after_its_last_sentence():
    quotation = Candidate(0, 2, "“a. b,” c said.", 4, 1.0, length=2)
    follower = Candidate(0, 4, "He added d.", 3, 0.8, follows=True)
    other = Candidate(1, 0, "e", 1, 0.9)
    assert reading_order([quotation, other, follower]) == [quotation, follower, other]


QUOTED = [
    "The envoy met both delegations in Geneva on Monday to discuss the truce.",
    "“We have reached the point where the talks must resume.",
    "Nobody can afford to wait for another round of bombing in Aleppo,” de Mistura said.",
    "The opposition said it would attend the talks if the sieges were lifted first.",
]


@pytest.mark.parametrize(
    ("sentences", "states"),
    [
        (QUOTED, [(False, False), (False, True), (True, False), (False, False)]),
        # Straight quotation marks: direction from the characters around them.
        (
            [
                'Miller said in a statement: "There is nothing more important than safety.',
                "We will get to the bottom of what happened here.",
                'We are deeply saddened," he said.',
                'He called it "a tragedy" and left.',
            ],
            [(False, True), (True, True), (True, False), (False, False)],
        ),
        # A long quotation reopened at each paragraph: the new paragraph starts afresh.
        (
            ["“The first paragraph of a long statement ends here.", "“The second ends,” he said."],
            [(False, True), (False, False)],
        ),
    ],
)
def test_quote_states_track_quotations_across_sentences(sentences, states):
    assert quote_states(sentences) == states


def test_a_quotation_over_several_sentences_is_one_passage():
    documents = [QUOTED, ["Russia said the talks in Geneva would resume on Tuesday next week."]]
    rows = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 1, 0.1, 0], [0, 0, 1, 0]]
    embeddings = [np.stack([_unit(row) for row in rows]), np.stack([_unit([0, 0, 0, 1])])]
    chosen = select_sentences(documents, embeddings, words=300, fill=True)
    quotation = next(c for c in chosen if c.document == 0 and c.index == 1)
    assert quotation.length == 2 and quotation.last == 2
    assert quotation.text == " ".join(QUOTED[1:3])
    assert quotation.start == 0 and quotation.end == len(QUOTED[2])
    # The sentence inside the quotation is never a passage of its own.
    assert not any(c.document == 0 and c.index == 2 for c in chosen)
    texts = [c.text for c in chosen]
    assert QUOTED[0] in texts and QUOTED[3] in texts


def test_a_quotation_that_never_closes_is_not_used():
    documents = [
        [
            "“We have reached the point where the talks must resume in Geneva now.",
            "Nobody can afford to wait for another round of bombing in Aleppo.",
            "The talks in Geneva will resume once the sieges of the towns are lifted.",
            "The envoy said the opposition would attend the talks in Geneva next week.",
        ]
    ]
    embeddings = [np.stack([_unit([1, 0.1 * n, 0, 0]) for n in range(4)])]
    chosen = select_sentences(documents, embeddings, words=300, fill=True)
    assert chosen == []


def test_a_quotation_left_open_at_a_paragraph_end_stops_there():
    # News reopens a long quotation at each paragraph; the one left open is not joined to the
    # next paragraph, whose sentences are the narrator's again.
    documents = [
        [
            "“We have reached the point where the talks must resume in Geneva now.",
            "The talks have failed,” the envoy told reporters in Geneva on Monday night.",
            "The talks in Geneva will resume once the sieges of the towns are lifted.",
        ]
    ]
    embeddings = [np.eye(4, dtype=np.float32)[:3]]
    chosen = select_sentences(
        documents, embeddings, words=300, fill=True, paragraph_starts=[{0, 1}]
    )
    assert [(c.index, c.length) for c in chosen] == [(2, 1)]


def test_consensus_favours_what_every_document_repeats():
    documents = [
        ["Rebels shelled Aleppo as the Geneva talks stalled.", "A local bakery reopened."],
        ["The Geneva talks stalled while rebels shelled Aleppo.", "Weather was mild."],
        ["Aleppo was shelled by rebels; Geneva talks stalled."],
    ]
    scores = consensus(documents)
    assert scores[0][0] > scores[0][1] and scores[1][0] > scores[1][1]
    # One document: every word is in all of them, so no sentence stands out.
    assert consensus([["Rebels shelled Aleppo.", "Geneva talks stalled."]]) == [[0.0, 0.0]]
    assert consensus([]) == []


def test_a_quote_with_a_named_speaker_can_stand_alone():
    assert usable("“For that the strikes on Aleppo must stop,” Ayrault said on Monday.")
    assert usable(
        "France called on the International Syria Support Group to hold urgent talks on Monday."
    )


def _unit(vector: list[float]) -> np.ndarray:
    array = np.asarray(vector, dtype=np.float32)
    return array / np.linalg.norm(array)


def _docs():
    a = [
        "France called on the support group to hold urgent ministerial talks on Monday.",
        "France urged the support group to hold urgent ministerial talks on Monday again.",
        "The French foreign ministry condemned deadly air strikes on Aleppo hospitals.",
    ]
    b = [
        "Russia said it would co-chair a new meeting of the group in Vienna next week.",
        "Diplomats said the ceasefire agreed in February had all but collapsed in Aleppo.",
    ]
    embeddings = [
        np.stack([_unit([1, 0.1, 0, 0]), _unit([1, 0.12, 0, 0]), _unit([0.2, 1, 0, 0])]),
        np.stack([_unit([0.2, 0, 1, 0]), _unit([0, 0.2, 0, 1])]),
    ]
    return [a, b], embeddings


def test_near_duplicates_are_not_both_chosen_and_every_document_gets_a_turn():
    documents, embeddings = _docs()
    chosen = select_sentences(documents, embeddings, words=60)
    texts = [c.text for c in chosen]
    assert not (documents[0][0] in texts and documents[0][1] in texts)
    assert {c.document for c in chosen} == {0, 1}


def test_the_budget_is_kept_unless_nothing_fits():
    documents, embeddings = _docs()
    chosen = select_sentences(documents, embeddings, words=30)
    assert sum(c.words for c in chosen) <= 30
    one = select_sentences(documents, embeddings, words=5)
    assert len(one) == 1  # never empty: the best sentence even if it is too long


def test_empty_input_gives_an_empty_summary():
    assert select_sentences([], [], words=100) == []
    assert select_sentences([[]], [np.zeros((0, 4), dtype=np.float32)], words=100) == []


def test_main_threads_are_the_most_named_with_ties_to_the_name():
    threads = [[{"aleppo", "russia"}, {"aleppo"}, set()], [{"geneva"}, {"russia", "aleppo"}]]
    assert main_threads(threads, 1) == {"aleppo"}
    assert main_threads(threads, 2) == {"aleppo", "russia"}
    assert main_threads(threads, 3) == {"aleppo", "geneva", "russia"}
    assert main_threads([[set()]], 3) == set()


def test_a_sentence_telling_a_new_thread_beats_one_retelling_a_told_one():
    """Without threads the runner-up retells the first pick's thread (Aleppo); with them, the
    sentence naming a main thread not yet told (France) is taken instead."""
    documents, embeddings = _docs()
    threads = [[{"france"}, {"france"}, {"hospitals"}], [{"aleppo"}, {"aleppo"}]]
    plain = select_sentences(documents, embeddings, words=20, fill=True)
    told = select_sentences(documents, embeddings, words=20, fill=True, threads=threads)
    assert [(c.document, c.index) for c in plain] == [(1, 1), (1, 0)]
    assert [(c.document, c.index) for c in told] == [(1, 1), (0, 0)]
    # with no credit for threads the choice is the plain one
    from dossier.summary.scoring import Weights

    none = select_sentences(
        documents, embeddings, words=20, fill=True, threads=threads, weights=Weights(threads=0)
    )
    assert [(c.document, c.index) for c in none] == [(1, 1), (1, 0)]


def test_a_reports_own_thread_is_the_one_it_alone_names_most():
    threads = [
        [{"russia", "ghouta"}, {"ghouta", "giorgini"}, {"giorgini", "ghouta"}, {"paris"}],
        [{"russia"}, {"aleppo"}, {"aleppo"}],
        [{"russia", "aleppo"}, {"army"}],
    ]
    # "ghouta" beats "giorgini" on sentences (3 to 2); "aleppo" is named by two reports;
    # "army" and "paris" by one sentence only, fewer than a thread needs
    assert own_threads(threads) == {"ghouta"}
    assert own_threads(threads, people={"ghouta"}) == {"giorgini"}
    assert own_threads(threads, people={"ghouta", "giorgini"}) == set()
    assert own_threads(threads, least=1) == {"ghouta", "army"}
    assert own_threads([[{"a"}, {"b"}], [{"b"}, {"a"}]], least=1) == set()
    assert own_threads([[{"b"}, {"a"}]], least=1) == {"a"}  # ties to the name
    # of many reports', those named by the most sentences
    many = [[{f"t{d}"}] * (d + 2) for d in range(12)]
    assert own_threads(many, count=3) == {"t11", "t10", "t9"}


def test_a_reports_own_thread_earns_credit_beyond_the_most_named():
    """Eight threads named by both reports fill the story's most-named; the first report
    alone names "enclave", twice. Its sentence is taken next, unless the thread is a person
    (a quoted voice), when the plain runner-up is."""
    documents, embeddings = _docs()
    common = {f"state{k}" for k in range(8)}
    threads = [[set(common), common | {"enclave"}, {"enclave"}], [set(common), set(common)]]
    assert "enclave" not in main_threads(threads)
    told = select_sentences(documents, embeddings, words=20, fill=True, threads=threads)
    assert [(c.document, c.index) for c in told] == [(1, 1), (0, 1)]
    voice = select_sentences(
        documents, embeddings, words=20, fill=True, threads=threads, people={"enclave"}
    )
    assert [(c.document, c.index) for c in voice] == [(1, 1), (1, 0)]


def test_a_quotation_over_two_sentences_told_again_elsewhere_is_told_once():
    """A Multi-News build (a Baltimore lawyer's threat) told "You know how things are with
    Trump's laws now ..." twice: as one report's two-sentence quotation and as another's
    one sentence, each half of the first too unlike the second to count as a repeat."""
    documents = [
        [
            '"You know how things are with the new laws now.',
            'Someone goes to court and, boom, they get taken away," the lawyer allegedly told '
            "the victim during a hearing.",
        ],
        [
            '"You know how things are with the new laws now; someone goes to court, and boom, '
            'they get taken away," the interpreter told the husband in the recorded call.'
        ],
    ]
    embeddings = [
        np.stack([_unit([1, 1.2, 0]), _unit([1, -1.2, 0])]),
        np.stack([_unit([1, 0, 0.05])]),
    ]
    chosen = select_sentences(documents, embeddings, words=300, fill=True)
    assert len(chosen) == 1


def test_a_paraphrase_the_encoder_rates_apart_is_still_a_repeat():
    """A Multi-News Knox build told Sollecito's account of the shower twice: "Sollecito said
    Knox left his apartment to take a shower, then returned hours later looking 'very
    agitated.'" and another report's longer telling (cosine 0.61; 8 of the first's 11 content
    words in the second)."""
    documents = [
        ["Sollecito said Knox left his apartment to take a shower, then returned hours later "
         'looking "very agitated."'],
        ["Speaking in an interview broadcast on Italian TV, Sollecito said the American had left "
         "his flat on the morning the body was found to take a shower, returning hours later "
         'appearing "very agitated".'],
    ]  # fmt: skip
    embeddings = [np.stack([_unit([1, 0, 0])]), np.stack([_unit([0.6, 0.8, 0])])]
    assert len(select_sentences(documents, embeddings, words=300, fill=True)) == 1
    apart = Weights(lexical_redundancy=None)
    assert len(select_sentences(documents, embeddings, 300, apart, fill=True)) == 2


def test_support_is_counted_block_by_block_as_over_the_whole_matrix():
    # a large story's matrix is computed a block of rows at a time (a Timeline17 topic's
    # 31,000 sentences crashed OpenBLAS in one call); the counts are the same
    from dossier.summary.scoring import support_counts

    rng = np.random.default_rng(7)
    embeddings = [rng.normal(size=(n, 8)).astype(np.float32) for n in (5, 0, 3, 7, 1)]
    embeddings = [e / np.linalg.norm(e, axis=1, keepdims=True) for e in embeddings]
    matrix = np.concatenate([e for e in embeddings if len(e)])
    owner = np.concatenate([np.full(len(e), d) for d, e in enumerate(embeddings)])
    similarity = matrix @ matrix.T
    expected = [
        sum(
            1
            for other in set(owner) - {owner[row]}
            if similarity[row, owner == other].max() >= 0.3
        )
        for row in range(len(matrix))
    ]
    for block in (1, 4, 1024):
        counts, vectors = support_counts(embeddings, 0.3, block=block)
        assert counts.tolist() == expected
        assert np.array_equal(vectors, matrix)
