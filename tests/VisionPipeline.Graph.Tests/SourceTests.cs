using VisionPipeline.Core.Errors;
using VisionPipeline.Graph.Sources;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Graph.Tests;

public class SourceTests
{
    private static InputFile Write(TempDirectory temp, string name, byte[] bytes)
    {
        File.WriteAllBytes(temp.File(name), bytes);
        return new InputFile(temp.File(name), name);
    }

    [Fact]
    public void Unreadable_files_are_refused_with_the_file_and_the_reason()
    {
        using var temp = new TempDirectory();
        var jpeg = File.ReadAllBytes(RepoPaths.Sample("messi5.jpg"));
        var png = File.ReadAllBytes(RepoPaths.Sample("imageTextN.png"));
        var cases = new (InputFile File, string Reason)[]
        {
            (Write(temp, "empty.jpg", []), "empty file (0 bytes)"),
            (Write(temp, "half.jpg", jpeg[..(jpeg.Length / 2)]), "truncated JPEG"),
            (Write(temp, "half.png", png[..(png.Length / 2)]), "truncated PNG"),
            (Write(temp, "notes.jpg", "just some text, not an image"u8.ToArray()), "not a decodable image"),
        };
        foreach (var (file, reason) in cases)
        {
            var e = Assert.Throws<VisionException>(() => ImageFileDecoder.Decode(file, 0));
            Assert.StartsWith(file.RelativePath + ": ", e.Message);
            Assert.Contains(reason, e.Message);
        }
    }

    [Fact]
    public void An_image_over_OpenCV_s_pixel_limit_is_refused_with_its_size_the_limit_and_the_setting_that_raises_it()
    {
        using var temp = new TempDirectory();
        var bomb = Write(temp, "bomb.png", PngHeaderOnly(200_000, 200_000));
        var e = Assert.Throws<VisionException>(() => ImageFileDecoder.Decode(bomb, 0));
        Assert.Equal("bomb.png: the image declares 200000×200000 = 40,000,000,000 pixels, more than OpenCV's limit of 1,073,741,824 pixels; " +
                     "to decode it anyway, set the environment variable CV_IO_MAX_IMAGE_PIXELS to at least 40000000000 (it takes that much memory and more)",
            e.Message);
    }

    /// <summary>A PNG whose header declares a size and whose pixels are missing (a decompression bomb's first bytes).</summary>
    private static byte[] PngHeaderOnly(int width, int height)
    {
        var png = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        void Chunk(string type, byte[] data)
        {
            png.AddRange(BigEndian((uint)data.Length));
            var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            png.AddRange(typed);
            png.AddRange(BigEndian(Crc32(typed)));
        }
        Chunk("IHDR", [.. BigEndian((uint)width), .. BigEndian((uint)height), 8, 2, 0, 0, 0]);
        Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk("IEND", []);
        return png.ToArray();
    }

    private static byte[] BigEndian(uint v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    private static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    [Fact]
    public void Images_with_data_after_their_end_are_accepted()
    {
        using var temp = new TempDirectory();
        var trailer = new byte[5000];
        new Random(3).NextBytes(trailer);
        foreach (var name in new[] { "messi5.jpg", "imageTextN.png" })
        {
            // Motion Photos append a video after the JPEG; some writers pad PNGs.
            var bytes = File.ReadAllBytes(RepoPaths.Sample(name)).Concat(trailer).ToArray();
            using var frame = ImageFileDecoder.Decode(Write(temp, "long-" + name, bytes), 0);
            Assert.True(frame.Width > 0);
        }
    }

    [Fact]
    public void Images_stored_in_uncommon_forms_decode_to_8_bit_BGR_of_their_size()
    {
        using var temp = new TempDirectory();
        using (var deep = new OpenCvSharp.Mat(20, 30, OpenCvSharp.MatType.CV_16UC3, new OpenCvSharp.Scalar(1000, 30000, 65535)))
            OpenCvSharp.Cv2.ImWrite(temp.File("sixteen-bit.png"), deep);
        using (var grey = new OpenCvSharp.Mat(20, 30, OpenCvSharp.MatType.CV_8UC1, new OpenCvSharp.Scalar(77)))
            OpenCvSharp.Cv2.ImWrite(temp.File("grey.png"), grey);
        using (var alpha = new OpenCvSharp.Mat(20, 30, OpenCvSharp.MatType.CV_8UC4, new OpenCvSharp.Scalar(10, 20, 30, 0)))
            OpenCvSharp.Cv2.ImWrite(temp.File("transparent.png"), alpha);
        File.WriteAllBytes(temp.File("cmyk.jpg"), CmykJpeg.Uniform(30, 20));
        using (var animation = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(30, 20, new SixLabors.ImageSharp.PixelFormats.Rgba32(255, 0, 0)))
        {
            using var second = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(30, 20, new SixLabors.ImageSharp.PixelFormats.Rgba32(0, 0, 255));
            animation.Frames.AddFrame(second.Frames.RootFrame);
            SixLabors.ImageSharp.ImageExtensions.SaveAsGif(animation, temp.File("animated.gif"));
        }

        foreach (var name in new[] { "sixteen-bit.png", "grey.png", "transparent.png", "cmyk.jpg", "animated.gif" })
        {
            using var frame = ImageFileDecoder.Decode(new InputFile(temp.File(name), name), 0);
            Assert.True(frame.Image.Type() == OpenCvSharp.MatType.CV_8UC3, $"{name} decoded to {frame.Image.Type()}, not 8-bit BGR");
            Assert.True((frame.Width, frame.Height) == (30, 20), $"{name} decoded to {frame.Width}×{frame.Height}, not 30×20");
        }
        using (var sixteen = ImageFileDecoder.Decode(new InputFile(temp.File("sixteen-bit.png"), "sixteen-bit.png"), 0))
            Assert.Equal(new OpenCvSharp.Vec3b(3, 117, 255), sixteen.Image.At<OpenCvSharp.Vec3b>(0, 0)); // the top 8 bits of each 16-bit value
        using (var gif = ImageFileDecoder.Decode(new InputFile(temp.File("animated.gif"), "animated.gif"), 0))
            Assert.Equal(new OpenCvSharp.Vec3b(0, 0, 255), gif.Image.At<OpenCvSharp.Vec3b>(0, 0)); // the first frame (red)
    }

    [Fact]
    public void A_good_image_decodes_to_8_bit_BGR()
    {
        using var frame = ImageFileDecoder.Decode(new InputFile(RepoPaths.Sample("basketball1.png"), "basketball1.png"), 3);
        Assert.Equal(OpenCvSharp.MatType.CV_8UC3, frame.Image.Type());
        Assert.Equal((640, 480, 3L), (frame.Width, frame.Height, frame.Index));
    }

    [Fact]
    public void EXIF_orientation_is_applied_to_the_pixels_and_camera_fields_reach_the_results()
    {
        using var temp = new TempDirectory();
        var path = temp.File("phone.jpg");
        // A generated 40×20 photo whose EXIF says "rotate 90° clockwise to display" (orientation 6).
        using (var photo = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(40, 20))
        {
            photo.Metadata.ExifProfile = new SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifProfile();
            photo.Metadata.ExifProfile.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.Orientation, (ushort)6);
            photo.Metadata.ExifProfile.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.Make, "TestCam");
            photo.Metadata.ExifProfile.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.Model, "Model 7");
            SixLabors.ImageSharp.ImageExtensions.SaveAsJpeg(photo, path);
        }

        var (frame, exif) = ImageFileDecoder.DecodeWithExif(new InputFile(path, "phone.jpg"), 0);
        using var _ = frame;
        Assert.Equal((20, 40), (frame.Width, frame.Height));
        Assert.NotNull(exif);
        Assert.Equal(6, exif.Orientation);
        Assert.Equal("TestCam", exif.Make);
        Assert.Equal("Model 7", exif.Model);
        Assert.Null(ExifReader.Read(RepoPaths.Sample("imageTextN.png")));
    }

    [Fact]
    public void A_folder_is_searched_recursively_in_a_stable_order_and_skips_non_images()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("b/c"));
        foreach (var name in new[] { "z.jpg", "b/a.png", "b/c/x.JPG", "readme.txt" }) File.WriteAllText(temp.File(name), "x");
        var resolution = InputResolver.Resolve(temp.Path);
        Assert.Equal(["b/a.png", "b/c/x.JPG", "z.jpg"], resolution.Files.Select(f => f.RelativePath).ToArray());
        Assert.Equal(1, resolution.SkippedNonImages);
    }

    [Fact]
    public void A_glob_matches_relative_to_its_fixed_prefix()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("b/c"));
        foreach (var name in new[] { "z.jpg", "b/a.png", "b/c/x.png" }) File.WriteAllText(temp.File(name), "x");
        var resolution = InputResolver.Resolve(temp.Path + "/**/*.png");
        Assert.Equal(["b/a.png", "b/c/x.png"], resolution.Files.Select(f => f.RelativePath).ToArray());
        Assert.Single(InputResolver.Resolve(temp.Path + "/b/*.png").Files);
    }

    [Fact]
    public void A_missing_input_is_a_configuration_error()
    {
        var e = Assert.Throws<ConfigurationException>(() => InputResolver.Resolve("/no/such/folder"));
        Assert.Contains("input not found", e.Message);
    }
}
