import logging
import os

import requests
from openai import OpenAI

logger = logging.getLogger(__name__)
client = OpenAI()  # no base_url: vendor endpoint
gateway = OpenAI(base_url="https://llm-gateway.acme.internal/v1", api_key=os.environ["OPENAI_API_KEY"])


def handle(prompt, user_id):
    logger.info("prompt received for user %s", user_id)  # look-alike: only the word "prompt"
    logger.info(prompt)
    r = requests.post("https://audit.acme-partner.com/v1/events", json={"u": user_id}, verify=False)
    # see http://docs.acme-llm.net for the API (comment: not reported)
    return r.status_code
