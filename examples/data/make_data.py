"""Write examples/data/train/reviews.csv: short English reviews, labelled by hand-written templates.

Deterministic (fixed seed). Run from anywhere:  python examples/data/make_data.py
Every sentence is built from phrases whose sentiment is unambiguous, so every
label is right; a share of the sentences use negation ("not worth it") or a
contrast ("X, but overall Y") where the label follows the overall verdict, so
a bag of words does not get everything right.
"""
import csv
import random
from pathlib import Path

SEED = 7
N_PER_LABEL = 300

PRODUCTS = [
    "this blender", "the noise-cancelling headset", "my new phone case", "this coffee maker", "the vacuum cleaner",
    "this backpack", "the wireless mouse", "this desk lamp", "this running jacket", "this air fryer",
    "the bluetooth speaker", "this electric kettle", "the office chair", "this laptop stand", "the rice cooker",
    "this water bottle", "the keyboard", "this smart watch", "the tent", "this hair dryer",
]
MOVIES = [
    "this movie", "the sequel", "the documentary", "this thriller", "the new animated film",
    "this romantic comedy", "the horror movie", "this period drama", "the remake", "this sci-fi film",
    "the director's new film", "this superhero movie", "the murder mystery", "this musical", "the war film",
]
PRODUCT_ASPECTS = {
    "positive": [
        "the battery lasts for days", "the build quality is excellent", "it was worth every penny",
        "setup took two minutes", "it feels sturdy and well made", "the sound is crisp and clear",
        "customer service replaced a part within a day", "it is quiet and easy to clean",
        "the instructions were clear", "it arrived early and well packed", "it works exactly as described",
        "the design is simple and elegant", "it is comfortable to use all day", "the price is fair for the quality",
    ],
    "negative": [
        "the battery dies in an hour", "the plastic feels cheap and flimsy", "it broke after a week",
        "setup was a nightmare", "it stopped working after two uses", "the sound is muddy and distorted",
        "customer service never answered my emails", "it is loud and impossible to clean",
        "the instructions made no sense", "it arrived scratched and missing a piece", "it does not work as described",
        "the buttons stick and the lid leaks", "it gets uncomfortable after ten minutes", "it is overpriced for what you get",
    ],
}
MOVIE_ASPECTS = {
    "positive": [
        "the acting is superb", "the plot kept me guessing until the end", "the soundtrack is beautiful",
        "the ending is moving", "the dialogue is sharp and funny", "every shot looks gorgeous",
        "the pacing is perfect", "the characters feel real", "the jokes actually land",
        "the lead gives the performance of her career", "the twist is clever and earned",
        "it is gripping from the first scene",
    ],
    "negative": [
        "the acting is wooden", "the plot is predictable and full of holes", "the soundtrack is grating",
        "the ending falls completely flat", "the dialogue is clumsy and dull", "the special effects look cheap",
        "the pacing drags terribly", "the characters are paper thin", "none of the jokes land",
        "the lead seems bored the whole time", "the twist makes no sense",
        "it is two hours too long",
    ],
}
ADJ = {
    "positive": ["excellent", "fantastic", "great", "wonderful", "superb", "brilliant", "delightful", "impressive", "solid", "lovely"],
    "negative": ["terrible", "awful", "disappointing", "dreadful", "useless", "boring", "mediocre", "poor", "frustrating", "a waste of money"],
}
# Phrases that read naturally after "is not"; "positive" ones make a positive sentence once negated.
PRODUCT_NEGATABLE = {
    "positive": ["bad", "disappointing", "a waste of money", "as bad as the reviews say", "hard to use"],
    "negative": ["good", "worth it", "worth the price", "what I expected", "reliable", "easy to use"],
}
MOVIE_NEGATABLE = {
    "positive": ["bad", "boring", "disappointing", "a waste of time", "as bad as people say"],
    "negative": ["good", "worth it", "worth the hype", "any fun", "worth watching", "funny"],
}
VERDICT = {
    "positive": [
        "I would recommend {s} to anyone", "I love {s}", "{s} is one of the best I have tried",
        "I am really happy with {s}", "{s} exceeded my expectations", "I would buy {s} again in a heartbeat",
        "{s} made my week", "five stars for {s}", "{s} is a must", "I keep coming back to {s}",
    ],
    "negative": [
        "I would not recommend {s} to anyone", "I regret paying for {s}", "{s} is one of the worst I have tried",
        "I am really unhappy with {s}", "{s} was a huge letdown", "I would never buy {s} again",
        "{s} ruined my evening", "one star for {s}", "skip {s}", "I want my money back for {s}",
    ],
}
MOVIE_VERDICT = {
    "positive": ["I would watch {s} again", "{s} is worth seeing on the big screen", "I was smiling for days after {s}"],
    "negative": ["I walked out of {s}", "I nearly fell asleep during {s}", "{s} is not worth the ticket price"],
}
PRODUCT_VERDICT = {
    "positive": ["I use {s} every day", "I bought {s} for my parents as well", "{s} still works perfectly after a year"],
    "negative": ["I returned {s} the next day", "{s} is going straight back to the store", "{s} went in the bin after a month"],
}
OPENERS = ["", "", "", "Honestly, ", "To be fair, ", "Overall, ", "In short, ", "I have to say ", "Well, "]
PRODUCT_OPENERS = OPENERS + ["After a month, ", "After a week of use, "]
ENDINGS = [".", ".", ".", ".", "!", "..."]  # the same for both labels: punctuation gives nothing away


def cap(s):
    return s[0].upper() + s[1:]


def sentence(rng, label):
    other = "negative" if label == "positive" else "positive"
    movie = rng.random() < 0.45
    subject = rng.choice(MOVIES if movie else PRODUCTS)
    aspects = MOVIE_ASPECTS if movie else PRODUCT_ASPECTS
    verdicts = VERDICT[label] + (MOVIE_VERDICT if movie else PRODUCT_VERDICT)[label]
    openers = OPENERS if movie else PRODUCT_OPENERS
    negatable = MOVIE_NEGATABLE if movie else PRODUCT_NEGATABLE
    end = rng.choice(ENDINGS)
    kind = rng.choices(["adj", "aspect", "two", "verdict", "negation", "contrast"], [2, 3, 2, 2, 2, 3])[0]
    if kind == "adj":
        text = f"{rng.choice(openers)}{subject} is {rng.choice(ADJ[label])}"
    elif kind == "aspect":
        text = f"{rng.choice(openers)}{rng.choice(aspects[label])}"
        if rng.random() < 0.5:
            text = f"{subject} is {rng.choice(ADJ[label])}: {rng.choice(aspects[label])}"
    elif kind == "two":
        a, b = rng.sample(aspects[label], 2)
        text = f"{a} and {b}"
    elif kind == "verdict":
        text = rng.choice(verdicts).format(s=subject)
        if rng.random() < 0.5:
            text = f"{text}, {rng.choice(aspects[label])}"
    elif kind == "negation":
        text = f"{rng.choice(openers)}{subject} is not {rng.choice(negatable[label])}"
        if rng.random() < 0.4:
            text = f"{text}, {rng.choice(aspects[label])}"
    else:  # contrast: one aspect of the other polarity, the overall verdict decides
        text = f"{rng.choice(aspects[other])}, but overall {rng.choice(verdicts).format(s=subject)}"
    return cap(text.strip()) + end


def main():
    rng = random.Random(SEED)
    rows, seen = [], set()
    for label in ["positive", "negative"]:
        count = 0
        while count < N_PER_LABEL:
            text = sentence(rng, label)
            if text.lower() in seen:
                continue
            seen.add(text.lower())
            rows.append((text, label))
            count += 1
    rng.shuffle(rows)
    out = Path(__file__).resolve().parent / "train" / "reviews.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["text", "label"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
