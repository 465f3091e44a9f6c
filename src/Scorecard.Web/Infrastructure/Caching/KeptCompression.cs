using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Scorecard.Web.Infrastructure.Caching;

/// <summary>
/// Compression for the signed-out answers, which the output cache keeps compressed: an answer is compressed
/// once a change and then sent to every reader, so it pays to compress it well and as one piece.
/// </summary>
/// <remarks>
/// The framework's providers compress at their fastest and end a compressed block at every flush of the
/// writer; a JSON answer or a page is flushed every few kilobytes. The city 107 map's JSON (545 KB) came out
/// at 163 KB in Brotli and the open-data CSV (3.4 MB) at 265 KB; as one piece at Brotli quality 5 they are
/// about 55 KB and 178 KB, in 0.04 and 0.1 s once a change, and served twice and 1.4 times as often
/// (issue 10, 50 connections).
/// </remarks>
public static class KeptCompression
{
    /// <summary>Brotli's quality 5 (of 0-11): most of quality 9's gain at a fifth of its time; 11 took 7 s for the CSV.</summary>
    public const int BrotliQuality = 5;

    public sealed class Brotli : ICompressionProvider
    {
        public string EncodingName => "br";

        /// <summary>A flush does not reach the compressor, so an answer that must stream goes uncompressed.</summary>
        public bool SupportsFlush => false;

        public Stream CreateStream(Stream output) =>
            new OnePiece(new BrotliStream(output, new BrotliCompressionOptions { Quality = BrotliQuality }, leaveOpen: true));
    }

    public sealed class Gzip : ICompressionProvider
    {
        public string EncodingName => "gzip";

        public bool SupportsFlush => false;

        public Stream CreateStream(Stream output) => new OnePiece(new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true));
    }

    /// <summary>A compressing stream that ignores flushes: its blocks end where the compressor chooses, and at the end.</summary>
    sealed class OnePiece(Stream compressor) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() { }
        public override Task FlushAsync(CancellationToken ct) => Task.CompletedTask;

        public override void Write(byte[] buffer, int offset, int count) => compressor.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => compressor.Write(buffer);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => compressor.WriteAsync(buffer, offset, count, ct);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) => compressor.WriteAsync(buffer, ct);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        // Disposing the compressor writes its last block; the stream beneath stays open (leaveOpen).
        protected override void Dispose(bool disposing)
        {
            if (disposing)
                compressor.Dispose();
            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync() => compressor.DisposeAsync();
    }
}
