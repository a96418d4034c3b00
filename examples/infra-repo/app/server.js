const https = require('https');
const Anthropic = require('@anthropic-ai/sdk');

const anthropic = new Anthropic();
const agent = new https.Agent({ rejectUnauthorized: false });

function handler(req, res) {
  console.log(req.body);
  console.log('request body received'); // look-alike
  res.end('ok');
}
module.exports = { handler, agent, anthropic };
