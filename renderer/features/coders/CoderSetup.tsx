/** First run: the researcher names themself; every coding they make records this coder. */
import { useState } from 'react';
import type { MarginaliaDatabase } from '../../db/database.ts';
import { createCoder } from '../../db/coderRepository.ts';

export const CODER_COLORS = ['#2f5d8a', '#b5472f', '#3f7d3a', '#7a4a9c', '#b8860b', '#1f7a7a'];

export function CoderSetup({ db, firstRun }: { db: MarginaliaDatabase; firstRun: boolean }) {
  const [name, setName] = useState('');
  const [color, setColor] = useState(CODER_COLORS[0]!);
  const [error, setError] = useState<string | null>(null);
  return (
    <main className="coder-setup">
      <form
        className="coder-setup-card"
        aria-labelledby="coder-setup-title"
        onSubmit={(event) => {
          event.preventDefault();
          createCoder(db, name, color).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
        }}
      >
        <h1 id="coder-setup-title">{firstRun ? 'Welcome to Marginalia' : 'Who is coding?'}</h1>
        <p className="muted">
          Every passage you code records who coded it, so that two coders can later be compared. Your name stays on this
          computer.
        </p>
        <label className="field">
          <span>Your name</span>
          <input type="text" autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Ana Ruiz" required />
        </label>
        <fieldset className="field">
          <legend>Your colour</legend>
          <div className="swatches">
            {CODER_COLORS.map((c) => (
              <button key={c} type="button" className="swatch" aria-label={`Colour ${c}`} aria-pressed={c === color} style={{ background: c }} onClick={() => setColor(c)} />
            ))}
            <input type="color" aria-label="Custom colour" value={color} onChange={(e) => setColor(e.target.value)} />
          </div>
        </fieldset>
        {error && <p role="alert" className="error-text">{error}</p>}
        <button type="submit" className="primary" disabled={!name.trim()}>Start coding</button>
      </form>
    </main>
  );
}
