using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;

namespace ClaimLens.Web.Evidence;

/// <summary>Prepared references (decoded, pyramids and features built) kept between analyses: preparing a
/// reference costs about as much as analysing a claim, and the same listing photos serve many claims. Entries
/// are reference-counted so an evicted reference is disposed only when no analysis still uses it.</summary>
public sealed class ReferenceCache(MediaStore store) : IDisposable
{
    private const int Capacity = 64;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _recent = new();
    private readonly Dictionary<string, Task> _preparing = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _preparations;

    /// <summary>The prepared reference for a stored picture, named <paramref name="name"/> in reports. Dispose the
    /// lease when the analysis is done.</summary>
    /// <exception cref="ImageLoadException">The stored file is not a readable picture.</exception>
    public async Task<Lease> RentAsync(string sha256, string name, CancellationToken cancellationToken)
    {
        // The name is part of the key: the same picture can be a listing photo of one product and a packing photo
        // of an order, and reports name the reference as the claim's context knows it.
        var key = sha256 + "\n" + name;
        while (true)
        {
            TaskCompletionSource? mine = null;
            Task? preparing;
            lock (_lock)
            {
                if (_entries.TryGetValue(key, out var hit))
                    return Acquire(hit);
                if (!_preparing.TryGetValue(key, out preparing))
                {
                    mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _preparing[key] = mine.Task;
                }
            }
            if (mine is not null)
                return await PrepareAsync(key, sha256, name, mine, cancellationToken);
            // Workers that start on claims of one product all want its references at once: one prepares, the
            // others wait for it instead of decoding and building the same pyramids again.
            try
            {
                await preparing!.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // the preparer was cancelled, not us: prepare it ourselves on the next turn
            }
        }
    }

    /// <summary>How many times a reference was prepared (decoded and built), for tests of the sharing.</summary>
    internal int Preparations => Volatile.Read(ref _preparations);

    private async Task<Lease> PrepareAsync(string key, string sha256, string name, TaskCompletionSource done, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await store.ReadAllAsync(sha256, cancellationToken);
            var prepared = ReferenceImage.Load(bytes, name);
            Interlocked.Increment(ref _preparations);
            lock (_lock)
            {
                _preparing.Remove(key);
                var entry = new Entry(prepared) { Node = _recent.AddFirst(key) };
                _entries[key] = entry;
                while (_entries.Count > Capacity && _recent.Last is { } oldest)
                {
                    _entries.Remove(oldest.Value, out var evicted);
                    Evict(evicted!);
                }
                var lease = Acquire(entry);
                done.SetResult();
                return lease;
            }
        }
        catch (Exception e)
        {
            lock (_lock)
                _preparing.Remove(key);
            if (e is OperationCanceledException)
                done.SetCanceled(CancellationToken.None);
            else
                done.SetException(e);
            // Observed here, so a failure nobody else waited for is not reported as unobserved.
            _ = done.Task.Exception;
            throw;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var entry in _entries.Values)
                Evict(entry);
            _entries.Clear();
        }
    }

    private Lease Acquire(Entry entry)
    {
        entry.Users++;
        _recent.Remove(entry.Node!);
        _recent.AddFirst(entry.Node!);
        return new Lease(this, entry);
    }

    private void Evict(Entry entry)
    {
        if (entry.Node?.List is not null)
            _recent.Remove(entry.Node);
        entry.Evicted = true;
        if (entry.Users == 0)
            entry.Reference.Dispose();
    }

    private void Release(Entry entry)
    {
        lock (_lock)
        {
            entry.Users--;
            if (entry.Evicted && entry.Users == 0)
                entry.Reference.Dispose();
        }
    }

    internal sealed class Entry(ReferenceImage reference)
    {
        public ReferenceImage Reference { get; } = reference;

        public LinkedListNode<string>? Node { get; set; }

        public int Users { get; set; }

        public bool Evicted { get; set; }
    }

    /// <summary>A reference in use; returns it to the cache when disposed.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly ReferenceCache _cache;
        private readonly Entry _entry;
        private bool _disposed;

        internal Lease(ReferenceCache cache, Entry entry)
        {
            _cache = cache;
            _entry = entry;
        }

        public ReferenceImage Reference => _entry.Reference;

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            _cache.Release(_entry);
        }
    }
}
