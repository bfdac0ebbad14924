/** First run: the researcher names themself; every coding they make records this coder. */
import { useState } from 'react';
import type { MarginaliaDatabase } from '../../db/database.ts';
import { CODER_COLORS } from './coderColors.ts';
import { useCreateFirstCoder } from './useCoders.ts';
import { errorMessage } from '../../../shared/common/errors.ts';

export function CoderSetup({ db, firstRun }: { db: MarginaliaDatabase; firstRun: boolean }) {
  const [name, setName] = useState('');
  const [color, setColor] = useState(CODER_COLORS[0]!);
  const [error, setError] = useState<string | null>(null);
  const createCoder = useCreateFirstCoder(db);
  return (
    <main className="coder-setup">
      <form
        className="coder-setup-card"
        aria-labelledby="coder-setup-title"
        onSubmit={(event) => {
          event.preventDefault();
          createCoder(name, color).catch((e: unknown) => setError(errorMessage(e)));
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
