import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { preloadStorageItems, useStorageItem } from '../../../components/hooks/use-storage-item';
import { storage } from '../../../lib/storage';

type Item = ReturnType<typeof storage.defineItem<string>>;

function Shown({ item }: { item: Item }) {
  const value = useStorageItem(item);
  return <p>{value === undefined ? 'loading' : value}</p>;
}

/** Every test its own key: what was read ahead stays for the page's (here: the file's) life. */
let n = 0;
const newItem = (): Item =>
  storage.defineItem<string>(`local:preloadTest${(n += 1)}`, { fallback: 'none' });

describe('useStorageItem', () => {
  it('without a read ahead: loading at first, then the stored value', async () => {
    const item = newItem();
    await item.setValue('stored');
    render(<Shown item={item} />);
    expect(screen.getByText('loading')).toBeInTheDocument();
    expect(await screen.findByText('stored')).toBeInTheDocument();
  });

  it('read ahead: the first render shows the value, with no read of its own', async () => {
    const item = newItem();
    await item.setValue('stored');
    await preloadStorageItems([item]);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    render(<Shown item={item} />);
    expect(screen.getByText('stored')).toBeInTheDocument();
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(get).not.toHaveBeenCalled();
  });

  it('read ahead: a change before the component is there, and one after, both reach it', async () => {
    const item = newItem();
    await item.setValue('first');
    await preloadStorageItems([item]);
    await item.setValue('second');
    render(<Shown item={item} />);
    expect(await screen.findByText('second')).toBeInTheDocument();
    await act(() => item.setValue('third'));
    expect(await screen.findByText('third')).toBeInTheDocument();
  });

  it('read ahead: a value changed while it is read is the one kept', async () => {
    const item = newItem();
    await item.setValue('old');
    const reading = preloadStorageItems([item]);
    await item.setValue('new');
    await reading;
    render(<Shown item={item} />);
    expect(screen.getByText('new')).toBeInTheDocument();
  });
});
