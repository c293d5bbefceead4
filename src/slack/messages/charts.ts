/** The chart words in a language: the current one (blocks), or the installation's (the drawn PNG). */
import { charts as deCharts } from './de-charts.js';
import { type ChartWords, charts as enCharts } from './en-charts.js';
import { currentLang, installationLanguage, type Lang } from './lang.js';

const WORDS: Record<Lang, ChartWords> = { en: enCharts, de: deCharts };

/** For blocks: the reader's language (a DM) or the channel's (CX_LANGUAGE), as the renderer set it. */
export const chartWords = (): ChartWords => WORDS[currentLang()];
/** For the PNG: drawn once and shown in every post of a verdict, so in the installation's language. */
export const sharedChartWords = (): ChartWords => WORDS[installationLanguage()];
