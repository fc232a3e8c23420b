import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

// zh-CN first, English on a switch. Text lives where it is used, in both languages: t('受理', 'Accept').
export type Lang = 'zh' | 'en';
const KEY = 'tongban.lang';

interface LangValue {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (zh: string, en: string) => string;
}

const LangContext = createContext<LangValue>({ lang: 'zh', setLang: () => undefined, t: (zh) => zh });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(KEY) === 'en' ? 'en' : 'zh'));
  const value = useMemo<LangValue>(
    () => ({
      lang,
      setLang: (l) => {
        localStorage.setItem(KEY, l);
        document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
        setLangState(l);
      },
      t: (zh, en) => (lang === 'zh' ? zh : en),
    }),
    [lang],
  );
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangValue {
  return useContext(LangContext);
}
