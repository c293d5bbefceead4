import { describe, expect, it } from 'vitest';
import { contentWords, findSimilar, similarity } from '../../src/domain/pain-points.js';

describe('contentWords', () => {
  it('drops markup, emoji codes, punctuation, stop words and a plural s', () => {
    expect([...contentWords('<!channel> The *invoices* are :tada: confusing, <@U1>!')]).toEqual([
      'invoice',
      'confusing',
    ]);
    expect([...contentWords('Password reset — takes 3 days')]).toEqual(['password', 'reset', 'take', 'day']);
    expect([...contentWords('Zugriff für Kunden verweigert')]).toEqual([
      'zugriff',
      'für',
      'kunden',
      'verweigert',
    ]);
    expect(contentWords('the a of').size).toBe(0);
  });
});

describe('similarity', () => {
  it.each([
    ['Invoices are hard to read', 'The invoice is really hard to read!', true],
    ['Invoices are hard to read', 'Delivery tracking link is broken', false],
    ['Password reset takes days', 'password reset takes DAYS', true],
    ['Chat is slow', 'Chat widget is slow on mobile', true],
    ['Chat is slow', 'Checkout page crashes on mobile', false],
    ['', 'anything', false],
    [':tada:', ':tada:', false],
  ])('%j ~ %j → %s', (a, b, similar) => {
    expect(similarity(a, b) >= 0.5).toBe(similar);
  });

  it('is symmetric and 1 for the same words', () => {
    expect(similarity('slow chat replies', 'replies chat slow')).toBe(1);
    expect(similarity('a b c invoice', 'invoice pdf')).toBe(similarity('invoice pdf', 'a b c invoice'));
  });
});

describe('findSimilar', () => {
  const open = [
    { id: 1, text: 'Invoices are hard to read' },
    { id: 2, text: 'Delivery tracking link is broken' },
    { id: 3, text: 'Invoices hard to read on mobile' },
  ];

  it('names the closest open pain point, the older one on a tie', () => {
    expect(findSimilar('Invoice hard to read', open)?.id).toBe(1);
    expect(findSimilar('tracking link broken', open)?.id).toBe(2);
    expect(findSimilar('Invoices hard read mobile', open)?.id).toBe(3);
    expect(
      findSimilar('Hard to read', [open[2] ?? open[0], open[0]].filter(Boolean) as typeof open)?.id,
    ).toBe(1);
  });

  it('finds nothing below the threshold or in an empty list', () => {
    expect(findSimilar('Onboarding emails arrive twice', open)).toBeNull();
    expect(findSimilar('Invoices are hard to read', [])).toBeNull();
  });
});
