// A Face Liveness check as the second factor of the facerec identity API:
// 1. POST /liveness/sessions (the API creates the session, with its images going to the bucket),
// 2. AWS Amplify's FaceLivenessDetector records the video selfie and streams it to Rekognition with the guest
//    credentials of the stack's Cognito identity pool (its role may only call StartFaceLivenessSession),
// 3. POST /people/{personId}/verify-live: the API decides liveness on the server and verifies the face; the page
//    only ever sees pass or fail and the reasons.
import React, { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Amplify } from 'aws-amplify';
import { FaceLivenessDetector } from '@aws-amplify/ui-react-liveness';
import { ThemeProvider, Button, TextField, Alert } from '@aws-amplify/ui-react';
import '@aws-amplify/ui-react/styles.css';

async function api(config, token, path, body) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(config.apiUrl.replace(/\/+$/, '') + path, {
    method: 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${response.status} ${answer.code || ''}: ${answer.message || ''}`);
  return answer;
}

function LivenessLogin({ config }) {
  const [personId, setPersonId] = useState('');
  const [token, setToken] = useState('');
  const [session, setSession] = useState(null);
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);

  const start = async () => {
    setResult(null);
    setError(null);
    try {
      setSession(await api(config, token, '/liveness/sessions'));
    } catch (e) {
      setError(e.message);
    }
  };
  const verify = async () => {
    try {
      const answer = await api(config, token, `/people/${encodeURIComponent(personId)}/verify-live`, {
        sessionId: session.sessionId,
      });
      setResult(answer);
    } catch (e) {
      setError(e.message);
    }
    setSession(null);
  };

  return (
    <div style={{ maxWidth: 640, margin: '2em auto', fontFamily: 'sans-serif' }}>
      <h1>Face Liveness sign-in</h1>
      <TextField label="Person id" value={personId} onChange={(e) => setPersonId(e.target.value)} />
      <TextField
        label="Bearer token (JWT-authorised API; empty when a proxy signs the calls)"
        value={token}
        onChange={(e) => setToken(e.target.value)}
      />
      {!session && (
        <Button variation="primary" onClick={start} isDisabled={!personId} marginTop="1em">
          Start the liveness check
        </Button>
      )}
      {session && (
        <FaceLivenessDetector
          sessionId={session.sessionId}
          region={session.region || config.region}
          onAnalysisComplete={verify}
          onError={(e) => {
            setError(e.error ? e.error.message : String(e.state));
            setSession(null);
          }}
        />
      )}
      {result && (
        <Alert variation={result.verified ? 'success' : 'error'} marginTop="1em">
          {result.verified ? `Verified: ${result.personId}` : `Not verified (${result.reasons.join(', ')})`}
        </Alert>
      )}
      {error && (
        <Alert variation="error" marginTop="1em">
          {error}
        </Alert>
      )}
    </div>
  );
}

const config = await (await fetch('config.json')).json();
Amplify.configure({
  Auth: { Cognito: { identityPoolId: config.identityPoolId, allowGuestAccess: true } },
});
createRoot(document.getElementById('root')).render(
  <ThemeProvider>
    <LivenessLogin config={config} />
  </ThemeProvider>,
);
