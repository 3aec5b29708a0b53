import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { findApi } from './api';
import { App } from './App';
import './styles.css';

const api = findApi();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {api ? (
      <App api={api} />
    ) : (
      <main className="fatal" role="alert">
        The app's API is missing: open this page through <code>npm start</code> or the URL printed by{' '}
        <code>npm run web</code>.
      </main>
    )}
  </StrictMode>,
);
