using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Live.Tracking;

/// <summary>
/// A box's motion model: a constant-velocity Kalman filter on its centre, width and height, each with its velocity
/// (four independent position/velocity filters, the noise scaled by the box's height as in SORT and ByteTrack, so a
/// large near object may move more pixels than a small far one). One step per frame.
/// </summary>
public sealed class KalmanBox
{
    private const float PositionNoise = 1f / 20, VelocityNoise = 1f / 160;
    private readonly float[] _x = new float[4], _v = new float[4];
    // Per coordinate the 2×2 covariance [[pp, pv], [pv, vv]].
    private readonly float[] _pp = new float[4], _pv = new float[4], _vv = new float[4];

    public KalmanBox(BoxF box)
    {
        Set(_x, box);
        float h = Math.Max(1, box.Height);
        for (int i = 0; i < 4; i++)
        {
            _pp[i] = Square(2 * PositionNoise * h);
            _vv[i] = Square(10 * VelocityNoise * h);
        }
    }

    /// <summary>Where the box is expected in the next frame.</summary>
    public BoxF Predict()
    {
        float h = Math.Max(1, _x[3]);
        float q = Square(PositionNoise * h), r = Square(VelocityNoise * h);
        for (int i = 0; i < 4; i++)
        {
            _x[i] += _v[i];
            // P = F P Fᵀ + Q with F = [[1, 1], [0, 1]]
            _pp[i] += 2 * _pv[i] + _vv[i] + q;
            _pv[i] += _vv[i];
            _vv[i] += r;
        }
        return Box;
    }

    /// <summary>Corrects the state with a measured box.</summary>
    public void Update(BoxF measured)
    {
        Span<float> z = stackalloc float[4];
        Set(z, measured);
        float noise = Square(PositionNoise * Math.Max(1, _x[3]));
        for (int i = 0; i < 4; i++)
        {
            float s = _pp[i] + noise;
            float kp = _pp[i] / s, kv = _pv[i] / s;
            float innovation = z[i] - _x[i];
            _x[i] += kp * innovation;
            _v[i] += kv * innovation;
            float pp = _pp[i], pv = _pv[i];
            _pp[i] = (1 - kp) * pp;
            _pv[i] = (1 - kp) * pv;
            _vv[i] -= kv * pv;
        }
    }

    public BoxF Box => new(_x[0] - _x[2] / 2, _x[1] - _x[3] / 2, _x[0] + _x[2] / 2, _x[1] + _x[3] / 2);

    private static void Set(Span<float> state, BoxF box)
    {
        state[0] = (box.X1 + box.X2) / 2;
        state[1] = (box.Y1 + box.Y2) / 2;
        state[2] = Math.Max(1, box.Width);
        state[3] = Math.Max(1, box.Height);
    }

    private static float Square(float x) => x * x;
}
