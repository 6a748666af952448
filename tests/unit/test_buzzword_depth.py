"""Technology names and sales adjectives describe no stage; what happens to a request does.

A checker's buzzword salad to the visual-search question ("We would leverage a cutting edge
multimodal foundation model with a vector database and generative AI, deployed on a
serverless cloud native microservice mesh. Real time streaming, MLOps and a feature store
enable scalable, robust, end to end intelligence. …") was read as describing the model, the
serving and the pipeline, and scored 10, while a plain medium answer scored 2: its serving
sentence ("When a user uploads a photo, we compute its embedding and find the nearest
products.") read as the pipeline in passing. A list of products and adjectives is a stage
named; a stage is described by what it does to the problem's own things, and what happens
to a user's request when it comes in is serving. The answers below were written for these
tests.
"""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.scoring.structure.analysis import substance_reader
from assistant.settings import Settings
from rubrics import load_rubric
from tests.support.interviews import ml_spec

RUBRIC = load_rubric("ml-system-design")


def _reader(question: str):
    from prompts import load_questions

    return substance_reader(RUBRIC, load_questions()[question].asked)


# Sentences made of technology names and adjectives, for three questions: none says what
# happens to a photo, a payment or a day's sales
SALADS = [
    (
        "visual-search",
        "We would leverage a cutting edge multimodal foundation model with a vector database "
        "and generative AI, deployed on a serverless cloud native microservice mesh.",
    ),
    (
        "visual-search",
        "Real time streaming, MLOps and a feature store enable scalable, robust, end to end "
        "intelligence.",
    ),
    (
        "fraud-detection",
        "Kafka and Flink stream into a Feast feature store, the models train on Spark with "
        "Databricks and deploy to SageMaker endpoints on Kubernetes.",
    ),
    (
        "demand-forecasting",
        "We would ingest everything into a Snowflake lakehouse, orchestrate with Airflow, "
        "transform with dbt and Spark, and serve through a microservice on Kubernetes with a "
        "REST API.",
    ),
    (
        "spam-filter",
        "We'd use a large language model over a vector DB, deployed serverless on AWS Lambda "
        "behind an API gateway, with Kafka for real-time streaming.",
    ),
]

# ...nor do the words that string names together, nor a stage's own label
STRUNG = [
    (
        "spam-filter",
        "Kafka streams the emails in real time into Spark, and a feature store plus MLflow give "
        "us end to end MLOps.",
    ),
    (
        "visual-search",
        "We'd use a multimodal foundation model like CLIP with a vector DB such as Pinecone, "
        "Kafka for real-time streaming and Spark for batch, all on Kubernetes with serverless "
        "inference.",
    ),
    (
        "demand-forecasting",
        "A feature store and a vector database give us real-time intelligence, powered by "
        "Snowflake behind a REST API.",
    ),
]

# The same technologies, each said with what it does to the problem's own things
WORKING = [
    (
        "fraud-detection",
        "Every payment event goes onto Kafka, and a Flink job keeps rolling counts per card "
        "and per merchant over the last ten minutes.",
    ),
    (
        "fraud-detection",
        "The scoring service runs in Kubernetes with three replicas per region, so one pod "
        "dying does not drop payments.",
    ),
    (
        "visual-search",
        "We store all the catalogue embeddings in a vector database.",
    ),
    (
        "demand-forecasting",
        "A Spark job each night sums yesterday's till receipts per store and product and "
        "writes the four-week averages to the feature store.",
    ),
]


# sentences with no product in them keep every word they say ("plus" and "gives" included)
PLAIN = [
    (
        "demand-forecasting",
        "plus product info like category and price and whether there was a promotion running",
    ),
    (
        "spam-filter",
        "The sender's history gives us how many of their past emails were reported, plus the "
        "age of the domain.",
    ),
]


@pytest.mark.parametrize(("question", "sentence"), SALADS)
def test_technology_names_and_adjectives_only_name_a_stage(question, sentence):
    assert _reader(question).read(sentence).level == 1


@pytest.mark.parametrize(("question", "sentence"), STRUNG)
def test_names_strung_together_only_name_a_stage(question, sentence):
    assert _reader(question).read(sentence).level == 1


@pytest.mark.parametrize(("question", "sentence"), WORKING + PLAIN)
def test_technology_said_with_what_it_does_still_describes(question, sentence):
    assert _reader(question).read(sentence).level >= 2


@pytest.fixture(scope="module")
def spec():
    return ml_spec().as_whole()


def _scored(spec, text, question):
    s = analyse_text(text, Settings(), structure=spec, question=question).structure
    assert s is not None
    return s.score, {st.id: st.depth for st in s.stages}


VS_BUZZ = (
    "We would leverage a cutting edge multimodal foundation model with a vector database and "
    "generative AI, deployed on a serverless cloud native microservice mesh. Real time "
    "streaming, MLOps and a feature store enable scalable, robust, end to end intelligence. "
    "With responsible AI and observability baked in, we unlock synergies across the "
    "omnichannel customer journey and drive transformative, data driven value for all "
    "stakeholders."
)
VS_MEDIUM = (
    "I would use a convolutional neural network to turn each product image into an embedding "
    "vector. We store all the catalogue embeddings in a vector database. {serving} We could "
    "train the network on the catalogue images with their categories. To evaluate, we can "
    "check precision at ten on some test photos. We should also make it fast enough and "
    "monitor it after launch."
)
REQUESTS = [
    # what happens to a shopper's photo when it comes in, said several ways
    "When a user uploads a photo, we compute its embedding and find the nearest products.",
    "As soon as a shopper sends a picture, the service encodes it and looks up the closest "
    "catalogue items.",
    "Each time a photo comes in, we embed it and search the index for the fifty nearest products.",
]


def test_a_salad_of_technology_names_describes_no_stage(spec):
    score, depth = _scored(spec, VS_BUZZ, "visual-search")
    assert max(depth["model"], depth["deployment"], depth["pipeline"]) <= 1
    medium, _ = _scored(spec, VS_MEDIUM.format(serving=REQUESTS[0]), "visual-search")
    assert score < medium


@pytest.mark.parametrize("serving", REQUESTS)
def test_what_happens_to_a_request_is_serving(spec, serving):
    _, depth = _scored(spec, VS_MEDIUM.format(serving=serving), "visual-search")
    assert depth["deployment"] >= 2


FRAUD_SALAD_MIXED = (
    "We need to flag fraudulent card payments before they are approved, in under 100 "
    "milliseconds. Kafka, Flink and a feature store handle the real-time streaming, and a deep "
    "learning model deployed on Kubernetes with serverless autoscaling does the scoring. We'd "
    "use MLOps best practices and observability to keep it robust and scalable."
)


def test_a_salad_beside_a_real_framing_keeps_only_the_framing(spec):
    _, depth = _scored(spec, FRAUD_SALAD_MIXED, "fraud-detection")
    assert depth["framing"] >= 2 or depth["constraints"] >= 2
    assert max(depth["pipeline"], depth["deployment"], depth["model"]) <= 1


FRAUD_STRONG = (
    "Let me frame it first: we decide, for each card payment, whether to approve it, hold it "
    "for review, or decline it, inside the checkout, so the budget is about 100 milliseconds "
    "at the 99th percentile for around five thousand payments a second. Success offline is "
    "recall at a false positive rate of half a percent, because blocking a good customer "
    "loses the sale. Labels come from chargebacks, which arrive up to ninety days late, so we "
    "train on payments older than that. For features, every payment event goes onto Kafka, "
    "and a Flink job keeps rolling counts per card and per merchant over the last ten "
    "minutes, hour and day, and writes them to a Redis feature store, so at payment time the "
    "scoring service only does a key lookup instead of recomputing them. I'd start with "
    "logistic regression as a baseline, then gradient boosted trees, which handle these "
    "tabular counts well and score in a couple of milliseconds, rather than a deep model we "
    "could not explain to the review team. The scoring service runs in Kubernetes with three "
    "replicas per region, so one pod dying does not drop payments, and a new model first "
    "runs in shadow mode for a week before a canary at one percent. We watch the decline "
    "rate every hour, and if it jumps by more than half we roll back to the previous model."
)


def test_a_strong_answer_naming_kafka_and_kubernetes_keeps_its_depth(spec):
    score, depth = _scored(spec, FRAUD_STRONG, "fraud-detection")
    assert depth["pipeline"] == 3
    assert depth["deployment"] == 3
    assert score >= 70


BUZZ_ANSWERS = [
    (
        "spam-filter",
        "Our next-generation AI-native solution leverages large language models, agentic "
        "workflows and generative AI to holistically synergize email intelligence across an "
        "omnichannel, zero-trust, cloud-first ecosystem. A scalable, serverless, event-driven "
        "microservice mesh with vector search, embeddings, transformers, federated learning "
        "and quantum-ready governance delivers transformational outcomes. MLOps, AIOps and "
        "DataOps.",
    ),
    (
        "demand-forecasting",
        "We leverage a state of the art deep learning transformer foundation model with end "
        "to end MLOps, feature store, real time streaming, Kubernetes and microservices. The "
        "AI driven pipeline is scalable, robust and cloud native, with continuous training "
        "and continuous delivery, observability and data mesh.",
    ),
    (
        "visual-search",
        "We'd use a multimodal foundation model like CLIP with a vector DB such as Pinecone, "
        "Kafka for real-time streaming and Spark for batch, all on Kubernetes with serverless "
        "inference. MLOps with MLflow and a feature store keep it scalable and robust end to "
        "end. Observability with Prometheus and Grafana closes the loop.",
    ),
]


@pytest.mark.parametrize(("question", "text"), BUZZ_ANSWERS)
def test_a_buzzword_answer_only_names_stages(spec, question, text):
    """No stage described, and no recap in a list of products that touches several stages."""
    score, depth = _scored(spec, text, question)
    assert max(depth.values()) <= 1
    assert score <= 5


NOT_REQUESTS = [
    # the question said back: what the system is for, not how a request is served
    "When a user takes a photo, we want to show similar products they can buy.",
    # what is done with what users do afterwards is the pipeline or the data
    "When a user clicks a result, we log the click and update the product's counts.",
]


@pytest.mark.parametrize("sentence", NOT_REQUESTS)
def test_what_users_do_is_not_read_as_a_request_served(sentence):
    from assistant.scoring.structure.scorers import REQUESTED

    assert not REQUESTED.search(sentence.lower())


@pytest.mark.parametrize(
    "sentence",
    [
        "So this was when I moved from the marketing analytics team over to revenue "
        "management at an airline, this was, I think, 2021.",
        "This was at my previous company, a meal-kit subscription business, and I was on the "
        "retention analytics team.",
    ],
)
def test_a_story_of_ones_own_team_keeps_its_words(sentence):
    """A team's name is the scene of a story, not a sales word."""
    story = substance_reader(load_rubric("behavioral-star"))
    assert story.read(sentence).level >= 2
